-- code: OP_DECREASE
-- title: 人口自然减少
-- basis: SPEC §6.2；工作方案 §三(三)5（人口自然增减）
-- stage: ops
--
-- Each person of a survey household whose status is 死亡 or 迁出 and whose
-- 变动日期 falls from the window's first day to as_of: earlier changes were
-- last season's work. A blank 变动日期 cannot be placed in time, so it is
-- listed for the clerk to check (说明 变动日期缺失) rather than dropped.
SELECT DISTINCT 'OP_DECREASE', h.township, h.village, h.hh_key, p.id, p.name,
       '入户排查表人员状态：' || p.status,
       CASE WHEN p.status_date IS NULL THEN '变动日期缺失'
            ELSE p.status || ' ' || strftime(p.status_date, '%Y-%m-%d') END
FROM person p
JOIN household h ON h.hh_key = p.hh_key
CROSS JOIN params pr
WHERE p.status IN ('死亡', '迁出')
  AND (p.status_date IS NULL OR p.status_date BETWEEN pr.window_start AND pr.as_of)
