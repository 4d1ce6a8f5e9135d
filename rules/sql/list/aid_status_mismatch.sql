-- code: AID_STATUS_MISMATCH
-- title: 低保特困享受情况与民政名单不符
-- basis: SPEC §5.5；工作方案 §三(四)9（核实核准监测对象数据信息）、§二(四)4（同步信息比对）
-- stage: list
-- needs: input:aid dibao|tekun
--
-- A member (M) whose 低保 (特困) column says yes and who is on no active 低保
-- (特困) row, or who is on one and whose column does not say yes. Only where
-- the member's own sheet has that column (sheet_field): a sheet without it
-- says nothing. One row per member and category.
WITH judged AS (
    SELECT m.hh_key, m.township, m.village, m.id, m.name, c.category,
           CASE c.category WHEN '低保' THEN m.dibao ELSE m.tekun END IS TRUE AS says_yes,
           EXISTS (SELECT 1 FROM aid_person a WHERE a.id = m.id AND a.category = c.category) AS listed
    FROM list_member m
    CROSS JOIN (VALUES ('低保', 'dibao'), ('特困', 'tekun')) c(category, field)
    WHERE EXISTS (SELECT 1 FROM sheet_field f
                  WHERE f.file_ord = m.file_ord AND f.sheet_ord = m.sheet_ord AND f.field = c.field)
)
SELECT 'AID_STATUS_MISMATCH', '低保特困享受情况与民政名单不符',
       township, village, hh_key, id, name, '民政',
       CASE WHEN says_yes THEN '享受' || category ELSE '未享受' || category END,
       CASE WHEN listed THEN '在' || category || '名册' ELSE '不在' || category || '名册' END, '',
       CASE WHEN says_yes THEN '排查表填写享受' || category || '，民政名册中无在保记录'
            ELSE '民政' || category || '名册在保，排查表未填写享受' END
FROM judged
WHERE says_yes <> listed
