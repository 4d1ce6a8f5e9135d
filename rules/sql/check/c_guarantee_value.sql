-- code: C_GUARANTEE_VALUE
-- title: 三保障或饮水状况无法识别
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: g_edu|g_med|g_house|g_water
--
-- A guarantee status outside the 是/否 vocabulary, as the reader found it
-- (survey_issue): the guarantee is unknown for the verdicts; the row quotes
-- it. Once per household and column, at its first row (first_issue).
SELECT 'C_GUARANTEE_VALUE', '疑点', hh_key, NULL, NULL, township, village,
       field_label(field) || '填写为“' || coalesce(value, '') || '”，无法识别',
       file_ord, sheet_ord, src_row
FROM first_issue('C_GUARANTEE_VALUE')
