-- code: C_SPOUSE_SAME_SEX
-- title: 户主与配偶性别相同
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: relation
--
-- A 配偶 of M with the sex of the household's 户主 (the first 户主 of M in
-- sheet order, SPEC §9); the finding names the 配偶. Sex is 性别 where given,
-- else the ID's (SPEC §3.3.1).
WITH head AS (
    SELECT hh_key, arg_min(sex_eff, pos) AS head_sex, arg_min(name, pos) AS head_name
    FROM check_person
    WHERE in_m AND relation = '户主'
      AND hh_key IN (SELECT hh_key FROM check_hh_facts WHERE m_spouses > 0)
    GROUP BY hh_key
)
SELECT 'C_SPOUSE_SAME_SEX', '疑点', p.hh_key, p.id, p.name, NULL, NULL,
       '户主' || coalesce(h.head_name, '') || '与配偶均为' || p.sex_eff,
       p.file_ord, p.sheet_ord, p.src_row
FROM check_person p JOIN head h ON h.hh_key = p.hh_key
WHERE p.in_m AND p.relation = '配偶' AND p.sex_eff = h.head_sex
  AND p.relation_col
