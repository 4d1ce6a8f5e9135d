-- code: C_TEKUN_CARD
-- title: 特困供养情况与一卡通发放不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: tekun input:card
--
-- As C_DIBAO_CARD, for 特困供养 and items containing 特困 or 供养.
WITH paid AS (
    SELECT hh_key, sum(amount) AS amount
    FROM (SELECT DISTINCT p.hh_key, p.id, c.tekun AS amount
          FROM person p JOIN check_card c ON c.id = p.id
          WHERE c.tekun IS NOT NULL)
    GROUP BY hh_key
), covered AS (
    -- The villages the 一卡通 data covers: a household elsewhere is not
    -- missing from it (SPEC §5.4); a file without a village column covers all.
    SELECT DISTINCT coalesce(village, '') AS village FROM card_labels
)
SELECT 'C_TEKUN_CARD', '疑点', h.hh_key, NULL, NULL, h.township, h.village,
       CASE WHEN h.m_tekun THEN d.names || '登记享受特困供养，收入测算周期内一卡通无特困供养发放'
            ELSE '收入测算周期内一卡通发放特困供养' || c.amount || '元，无成员登记享受特困供养' END,
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h
LEFT JOIN paid c ON c.hh_key = h.hh_key
LEFT JOIN member_names('tekun') d ON d.hh_key = h.hh_key
WHERE h.tekun_col
  AND ((h.m_tekun AND c.hh_key IS NULL
        AND (h.village IN (SELECT village FROM covered) OR '' IN (SELECT village FROM covered)))
    OR (NOT h.m_tekun AND c.hh_key IS NOT NULL))
