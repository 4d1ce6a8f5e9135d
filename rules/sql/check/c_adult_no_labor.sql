-- code: C_ADULT_NO_LABOR
-- title: 青壮年健康但登记为无劳动力
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: labor health
--
-- A healthy member of working age (16 ≤ age < 60) not in school but
-- registered without labour. Without a school column on the person's sheet,
-- only those of 23 or more (past most study) are looked at.
SELECT 'C_ADULT_NO_LABOR', '疑点', hh_key, id, name, NULL, NULL,
       age || '周岁，健康，劳动技能登记为' || labor,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND health_col
  AND age >= 16 AND age < 60 AND health = '健康'
  AND labor IN ('无劳动力', '丧失劳动力')
  AND CASE WHEN school_col THEN sch_group IS NULL ELSE age >= 23 END
