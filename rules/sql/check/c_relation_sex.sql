-- code: C_RELATION_SEX
-- title: 与户主关系与性别不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: relation
--
-- A relation that names a man (之子, 之父 …) on a woman, or a woman's (之女,
-- 之母 …) on a man. Relations are stored canonical (之 restored); sex is 性别
-- where given, else the ID's.
SELECT 'C_RELATION_SEX', '疑点', hh_key, id, name, NULL, NULL,
       '与户主关系为' || relation || '，性别为' || sex_eff,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND relation_col
  AND ((relation IN ('之子', '之父', '之公公', '之岳父', '之女婿', '之孙子', '之外孙子', '之曾孙子',
                     '之侄儿', '之祖父', '之外祖父', '之叔伯') AND sex_eff = '女')
    OR (relation IN ('之女', '之母', '之婆婆', '之岳母', '之儿媳', '之孙女', '之外孙女', '之曾孙女',
                     '之侄女', '之祖母', '之外祖母', '之兄弟媳妇') AND sex_eff = '男'))
