-- code: MEDICAL_NOT_SURVEYED
-- title: 大额医疗自付但未排查
-- basis: SPEC §5.3；工作方案 §三(四)4（医疗等刚性支出）、§二(三)（部门筛查预警）
-- stage: discrepancy
--
-- SPEC §5.3; work plan §三(四)4 (刚性支出) and
-- §二(三) (部门筛查预警).
-- An ID whose 合规自付 in the window reaches medical.alert and that is in no
-- survey household.
SELECT 'MEDICAL_NOT_SURVEYED', '大额医疗自付但未排查',
       '', '', '', m.id, arg_min(m.name, (m.file_ord, m.sheet_ord, m.src_row)), '医保',
       '', sum(m.selfpay)::DECIMAL(18,2)::VARCHAR, '',
       '收入测算周期内合规自付达到 ' || p.medical_alert || ' 元，未在任何排查户中'
FROM medical_counted m, params p
WHERE NOT EXISTS (SELECT 1 FROM person x WHERE x.id = m.id)
GROUP BY m.id, p.medical_alert
HAVING sum(m.selfpay) >= p.medical_alert
