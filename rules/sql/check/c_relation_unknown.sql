-- code: C_RELATION_UNKNOWN
-- title: 与户主关系不规范
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 提示
-- needs: relation
--
-- A filled relation outside the national system's list (after 之 is
-- restored); a blank one is blank, not wrong.
SELECT 'C_RELATION_UNKNOWN', '提示', hh_key, id, name, NULL, NULL,
       '与户主关系填写为“' || relation || '”',
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND relation_col AND NOT blank(relation)
  AND relation NOT IN ('户主', '配偶', '之兄弟姐妹', '其他',
      '之子', '之父', '之公公', '之岳父', '之女婿', '之孙子', '之外孙子', '之曾孙子',
      '之侄儿', '之祖父', '之外祖父', '之叔伯',
      '之女', '之母', '之婆婆', '之岳母', '之儿媳', '之孙女', '之外孙女', '之曾孙女',
      '之侄女', '之祖母', '之外祖母', '之兄弟媳妇')
