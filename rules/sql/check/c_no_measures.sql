-- code: C_NO_MEASURES
-- title: 监测户未落实帮扶措施
-- basis: SPEC §5.4；工作方案 §三(四)7（排查监测对象帮扶措施落实情况）
-- stage: check
-- level: 错误
-- needs: m_industry|m_employment|m_finance|m_welfare_job|m_health|m_education|m_compulsory_edu|m_housing|m_water|m_assist|m_social|m_relocation|m_living|m_infra
--
-- A monitored household (not eliminated) monitored for a month or more with
-- all 14 帮扶措施 columns blank: measures are due within days of
-- identification (work plan §二(五)2, 10天内制定帮扶计划). A blank
-- 识别监测时间 is C_MONITOR_DATE's business.
SELECT 'C_NO_MEASURES', '错误', h.hh_key, NULL, NULL, h.township, h.village,
       '识别监测时间' || strftime(h.monitor_since, '%Y-%m-%d') || '，帮扶措施均为空',
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h, params p
WHERE h.monitored AND h.measure_cols AND h.no_measures
  AND p.as_of >= CAST(h.monitor_since + INTERVAL 1 MONTH AS DATE)
