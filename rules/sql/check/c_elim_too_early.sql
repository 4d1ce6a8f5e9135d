-- code: C_ELIM_TOO_EARLY
-- title: 监测不满规定月数即消除风险
-- basis: SPEC §5.4；工作方案 §三(四)6（排查已消除风险监测对象情况）
-- stage: check
-- level: 错误
-- needs: eliminated elim_date
--
-- Eliminated within elimination.months of identification (elim_date ≤
-- monitor_since + months, month-end clamped as SPEC §5.2), or dated before
-- identification or after as_of.
SELECT 'C_ELIM_TOO_EARLY', '错误', h.hh_key, NULL, NULL, h.township, h.village,
       '消除监测时间' || strftime(h.elim_date, '%Y-%m-%d')
         || CASE WHEN h.elim_date > p.as_of THEN '晚于排查日期' || strftime(p.as_of, '%Y-%m-%d')
                 WHEN h.elim_date < h.monitor_since THEN '早于识别监测时间' || strftime(h.monitor_since, '%Y-%m-%d')
                 ELSE '，识别监测时间' || strftime(h.monitor_since, '%Y-%m-%d') || '，监测未超过' || p.elim_months || '个月' END,
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h, params p
WHERE h.eliminated AND h.elim_date IS NOT NULL
  AND (h.elim_date > p.as_of
    OR h.elim_date <= CAST(h.monitor_since + to_months(p.elim_months) AS DATE))
