-- code: C_DIBAO_CARD
-- title: 低保享受情况与一卡通发放不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: dibao input:card
--
-- 低保 registered for a member but no 低保 payment in the window to anyone
-- listed in the household (in a village the 一卡通 data covers); or such a
-- payment and no member registered.
-- Payments count over every person listed (as for income, SPEC §4).
WITH paid AS (
    SELECT hh_key, sum(amount) AS amount
    FROM (SELECT DISTINCT p.hh_key, p.id, c.dibao AS amount
          FROM person p JOIN check_card c ON c.id = p.id
          WHERE c.dibao IS NOT NULL)
    GROUP BY hh_key
), covered AS (
    -- The villages the 一卡通 data covers: a household elsewhere is not
    -- missing from it (SPEC §5.4); a file without a village column covers all.
    SELECT DISTINCT coalesce(village, '') AS village FROM card_labels
)
SELECT 'C_DIBAO_CARD', '疑点', h.hh_key, NULL, NULL, h.township, h.village,
       CASE WHEN h.m_dibao THEN d.names || '登记享受低保，收入测算周期内一卡通无低保发放'
            ELSE '收入测算周期内一卡通发放低保' || c.amount || '元，无成员登记享受低保' END,
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h
LEFT JOIN paid c ON c.hh_key = h.hh_key
LEFT JOIN member_names('dibao') d ON d.hh_key = h.hh_key
WHERE h.dibao_col
  AND ((h.m_dibao AND c.hh_key IS NULL
        AND (h.village IN (SELECT village FROM covered) OR '' IN (SELECT village FROM covered)))
    OR (NOT h.m_dibao AND c.hh_key IS NOT NULL))
