-- code: C_NO_DEV_MEASURES
-- title: 有劳动力监测户未落实开发式帮扶
-- basis: SPEC §5.4；工作方案 §三(四)7（排查监测对象帮扶措施落实情况）
-- stage: check
-- level: 疑点
-- needs: labor m_industry|m_employment|m_finance|m_welfare_job|dev_status
--
-- A monitored household with labour, monitored more than elimination.months,
-- without developmental (开发式) measures: the 4 developmental columns all
-- blank, or 实施开发式帮扶措施情况 not implemented.
SELECT 'C_NO_DEV_MEASURES', '疑点', h.hh_key, NULL, NULL, h.township, h.village,
       CASE WHEN h.dev_cols AND h.no_dev THEN '有劳动力，产业、就业、金融、公益岗位帮扶均为空'
            ELSE '有劳动力，实施开发式帮扶措施情况为未实施' END,
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h, params p
WHERE h.monitored AND h.labor_col AND h.m_any_labor
  AND p.as_of > CAST(h.monitor_since + to_months(p.elim_months) AS DATE)
  AND ((h.dev_cols AND h.no_dev)
    OR (has_field(h.fields, 'dev_status') AND h.dev_status IS NOT TRUE))
