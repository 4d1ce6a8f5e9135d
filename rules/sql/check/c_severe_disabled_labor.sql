-- code: C_SEVERE_DISABLED_LABOR
-- title: 重度残疾登记为劳动力
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: disability labor
--
-- A member with a 一级 or 二级 disability registered as 普通 or 技能劳动力.
SELECT 'C_SEVERE_DISABLED_LABOR', '疑点', hh_key, id, name, NULL, NULL,
       '残疾等级为' || ['一', '二'][disability] || '级，劳动技能登记为' || labor,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND disability IN (1, 2) AND labor IN ('普通劳动力', '技能劳动力')
