-- code: C_CHILD_LABOR
-- title: 未满16周岁登记为劳动力
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: labor
--
-- A member under 16 at as_of registered with any labour capacity: the law's
-- working age starts at 16 (age from the ID's birth date, whole years).
SELECT 'C_CHILD_LABOR', '错误', hh_key, id, name, NULL, NULL,
       age || '周岁，劳动技能登记为' || labor,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND age < 16 AND labor IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力')
