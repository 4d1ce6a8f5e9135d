-- code: C_RISK_DISABILITY
-- title: 因残风险无残疾成员
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: risks health|disability
--
-- Risk 因残 with no person listed (any status) 残疾 or holding a grade.
SELECT 'C_RISK_DISABILITY', '疑点', hh_key, NULL, NULL, township, village,
       '风险为因残，无成员健康状况为残疾或有残疾等级',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE has_risk(risks, '因残') AND (health_col OR disability_col) AND NOT all_disabled
