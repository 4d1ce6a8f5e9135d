-- code: GUARANTEE_RISK
-- title: 三保障或饮水安全存在风险
-- basis: SPEC §5.3；工作方案 §三(四)3（“三保障”和安全饮水状况）
-- stage: discrepancy
--
-- SPEC §5.3; work plan §三(四)3 (“三保障”和安全饮水状况).
-- Any of 义务教育保障, 基本医疗保障, 住房安全保障, 饮水安全保障 is 否.
SELECT 'GUARANTEE_RISK', '三保障或饮水安全存在风险',
       township, village, hh_key, head_id, head_name, '排查表',
       '', '', '',
       concat_ws('、',
           CASE WHEN g_edu = false   THEN '义务教育保障' END,
           CASE WHEN g_med = false   THEN '基本医疗保障' END,
           CASE WHEN g_house = false THEN '住房安全保障' END,
           CASE WHEN g_water = false THEN '饮水安全保障' END) || '为否'
FROM hh_income
WHERE n > 0 AND false IN (g_edu, g_med, g_house, g_water)
