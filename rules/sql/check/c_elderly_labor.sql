-- code: C_ELDERLY_LABOR
-- title: 高龄登记为劳动力
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 提示
-- needs: labor
--
-- A member of labor.old_age or more registered as 普通 or 技能劳动力: worth a
-- look, since it keeps the household out of the 兜底 test.
SELECT 'C_ELDERLY_LABOR', '提示', p.hh_key, p.id, p.name, NULL, NULL,
       p.age || '周岁，劳动技能登记为' || p.labor,
       p.file_ord, p.sheet_ord, p.src_row
FROM check_person p, params pr
WHERE p.in_m AND p.age >= pr.labor_old_age AND p.labor IN ('普通劳动力', '技能劳动力')
