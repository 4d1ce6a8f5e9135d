-- code: C_EDU_LEVEL_AGE
-- title: 文化程度与年龄不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: edu_level
--
-- A higher-education 文化程度 on someone under 18.
SELECT 'C_EDU_LEVEL_AGE', '疑点', hh_key, id, name, NULL, NULL,
       age || '周岁，文化程度为' || edu_level,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND age < 18
  AND edu_level IN ('大专', '本科及以上', '高职高专', '技师', '本科及研究生及以上')
