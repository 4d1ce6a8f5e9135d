-- code: C_STUDENT_LABOR
-- title: 在校生登记为劳动力
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: school labor
--
-- A pupil in compulsory or upper-secondary school registered as 普通 or
-- 技能劳动力.
SELECT 'C_STUDENT_LABOR', '疑点', hh_key, id, name, NULL, NULL,
       '在校生状况为' || school || '，劳动技能登记为' || labor,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND sch_group IN ('compulsory', 'upper') AND labor IN ('普通劳动力', '技能劳动力')
