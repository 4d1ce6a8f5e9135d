-- code: C_SCHOOL_AGE_NOT_IN_SCHOOL
-- title: 义务教育阶段适龄未在校
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: school
--
-- A child of compulsory-school age (6–15 on the 1 September on or before
-- as_of) not in school (or still pre-school) with no reason given: a possible
-- 失学辍学. 错误 when the household says 义务教育保障 是, which it contradicts.
SELECT 'C_SCHOOL_AGE_NOT_IN_SCHOOL', CASE WHEN h.g_edu THEN '错误' ELSE '疑点' END,
       p.hh_key, p.id, p.name, NULL, NULL,
       '学龄' || p.sch_age || '岁，在校生状况为' || coalesce(p.school, '空') || '，未填写未上学原因'
         || CASE WHEN h.g_edu THEN '，义务教育保障为是' ELSE '' END,
       p.file_ord, p.sheet_ord, p.src_row
FROM check_person p LEFT JOIN household h ON h.hh_key = p.hh_key
WHERE p.in_m AND p.school_col
  AND p.sch_age BETWEEN 6 AND 15
  AND (p.sch_group IS NULL OR p.sch_group = 'pre')
  AND blank(p.noschool)
