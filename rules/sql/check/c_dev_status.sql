-- code: C_DEV_STATUS
-- title: 开发式帮扶措施与实施情况不符
-- basis: SPEC §5.4；工作方案 §三(四)7（排查监测对象帮扶措施落实情况）
-- stage: check
-- level: 疑点
-- needs: dev_status m_industry|m_employment|m_finance|m_welfare_job
--
-- 实施开发式帮扶措施情况 contradicting the 4 developmental columns: a measure
-- filled but not implemented, or implemented with none filled.
SELECT 'C_DEV_STATUS', '疑点', hh_key, NULL, NULL, township, village,
       CASE WHEN dev_status THEN '实施开发式帮扶措施情况为已实施，产业、就业、金融、公益岗位帮扶均为空'
            ELSE '已填写开发式帮扶措施，实施开发式帮扶措施情况为未实施' END,
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE has_field(fields, 'dev_status') AND dev_cols
  AND ((NOT no_dev AND dev_status IS NOT TRUE) OR (dev_status AND no_dev))
