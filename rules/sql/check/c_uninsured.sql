-- code: C_UNINSURED
-- title: 未参加基本医疗保险
-- basis: SPEC §5.4；工作方案 §三(四)3（“三保障”和安全饮水状况）、§三(四)9
-- stage: check
-- level: 疑点
-- needs: ins_resident ins_employee
--
-- A member enrolled in neither 城乡居民 nor 城镇职工 basic medical insurance:
-- 基本医疗保障 is not met. Both columns must be on the person's sheet (one 否
-- alone may be the other scheme).
SELECT 'C_UNINSURED', '疑点', hh_key, id, name, NULL, NULL,
       '城乡居民基本医疗保险、城镇职工基本医疗保险均为否',
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND ins_resident = false AND ins_employee = false
