-- code: C_SEX_MISMATCH
-- title: 性别与身份证号不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: sex
--
-- 性别 given and not the sex the ID's 17th character gives.
SELECT 'C_SEX_MISMATCH', '错误', hh_key, id, name, NULL, NULL,
       '性别登记为' || sex_given || '，身份证号为' || sex_of_id,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND sex IS NOT NULL AND sex_given <> sex_of_id
