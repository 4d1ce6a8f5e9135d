-- code: C_GUARANTEE_NO_RISK
-- title: 三保障问题未标注相应风险
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: risks g_edu|g_med|g_house|g_water
--
-- A monitored household with a guarantee 否 and none of the risks that name
-- it: one row per guarantee.
WITH hit AS (  -- the few households with a guarantee 否, before pairing each with the four
    SELECT * FROM check_hh
    WHERE monitored AND has_field(fields, 'risks') AND false IN (g_edu, g_med, g_house, g_water)
)
SELECT 'C_GUARANTEE_NO_RISK', '疑点', h.hh_key, NULL, NULL, h.township, h.village,
       g.label || '为否，未标注' || g.risks || '风险',
       h.file_ord, h.sheet_ord, h.src_row
FROM hit h,
     LATERAL (VALUES
        (h.g_house = false AND NOT has_risk(h.risks, '因安全住房') AND NOT has_risk(h.risks, '因灾'),
         '住房安全保障', '因安全住房或因灾'),
        (h.g_water = false AND NOT has_risk(h.risks, '因安全饮水'), '饮水安全保障', '因安全饮水'),
        (h.g_edu = false AND NOT has_risk(h.risks, '因学'), '义务教育保障', '因学'),
        (h.g_med = false AND NOT has_risk(h.risks, '因病'), '基本医疗保障', '因病')
     ) AS g(missing, label, risks)
WHERE g.missing
