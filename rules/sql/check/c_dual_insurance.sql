-- code: C_DUAL_INSURANCE
-- title: 重复参加基本医疗保险
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: ins_resident ins_employee
--
-- Enrolled in both 城乡居民 and 城镇职工 basic medical insurance: one
-- person may hold only one.
SELECT 'C_DUAL_INSURANCE', '疑点', hh_key, id, name, NULL, NULL,
       '城乡居民基本医疗保险、城镇职工基本医疗保险均为是',
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND ins_resident AND ins_employee
