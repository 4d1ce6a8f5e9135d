-- code: C_RISK_LABOR
-- title: 缺劳动力风险与劳动力不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: risks labor
--
-- Risk 缺劳动力 while more than half of M are 普通 or 技能劳动力 (compared
-- multiplied out: 2 × able > n).
SELECT 'C_RISK_LABOR', '疑点', hh_key, NULL, NULL, township, village,
       '风险为缺劳动力，家庭成员' || n || '人中' || m_able || '人为普通或技能劳动力',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE has_risk(risks, '缺劳动力') AND labor_col AND 2 * m_able > n
