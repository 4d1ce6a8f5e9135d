-- code: C_SCHOOL_AGE_MISMATCH
-- title: 在校生状况与年龄不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: school
--
-- A school stage far from the child's school age (the age on the 1 September
-- on or before as_of; 硕士研究生及以上 by age): a mistyped stage or birth date.
SELECT 'C_SCHOOL_AGE_MISMATCH', '疑点', hh_key, id, name, NULL, NULL,
       '在校生状况为' || school || '，'
         || CASE WHEN school = '硕士研究生及以上' THEN age || '周岁' ELSE '学龄' || sch_age || '岁' END,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND school IS NOT NULL AND (
       (sch_group = 'pre' AND sch_age >= 7)
    OR (starts_with(school, '小学') AND sch_age NOT BETWEEN 6 AND 14)
    OR (school IN ('七年级', '八年级', '九年级') AND sch_age NOT BETWEEN 11 AND 17)
    OR (sch_group = 'upper' AND sch_age NOT BETWEEN 14 AND 21)
    OR (school = '硕士研究生及以上' AND age < 20))
