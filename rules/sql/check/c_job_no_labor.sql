-- code: C_JOB_NO_LABOR
-- title: 就业类帮扶但无劳动力
-- basis: SPEC §5.4；工作方案 §三(四)7（排查监测对象帮扶措施落实情况）
-- stage: check
-- level: 疑点
-- needs: labor m_employment|m_welfare_job
--
-- 就业帮扶 or 公益岗位帮扶 given to a household where no member of M can work.
SELECT 'C_JOB_NO_LABOR', '疑点', hh_key, NULL, NULL, township, village,
       concat_ws('、', CASE WHEN NOT blank(m_employment) THEN '就业帮扶' END,
                       CASE WHEN NOT blank(m_welfare_job) THEN '公益岗位帮扶' END)
         || '已填写，无成员为普通、技能或弱劳动力',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE labor_col AND NOT m_any_labor AND (NOT blank(m_employment) OR NOT blank(m_welfare_job))
