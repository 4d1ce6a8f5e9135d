-- code: C_GUARANTEE_VALUE
-- title: 三保障或饮水状况无法识别
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: g_edu|g_med|g_house|g_water
--
-- A guarantee status outside the 是/否 vocabulary, as the reader found it
-- (survey_issue): the guarantee is unknown for the verdicts; the row quotes
-- it. Once per household and column, at its first row: the national export
-- repeats household fields on every member's row.
WITH first AS (
    SELECT hh_key, field, min(input_pos(file_ord, sheet_ord, src_row)) AS pos
    FROM survey_issue
    WHERE code = 'C_GUARANTEE_VALUE'
    GROUP BY hh_key, field
)
SELECT 'C_GUARANTEE_VALUE', '疑点', i.hh_key, NULL, NULL, h.township, h.village,
       field_label(i.field) || '填写为“' || coalesce(i.value, '') || '”，无法识别',
       i.file_ord, i.sheet_ord, i.src_row
FROM survey_issue i
JOIN first f ON f.hh_key = i.hh_key AND f.field = i.field
            AND f.pos = input_pos(i.file_ord, i.sheet_ord, i.src_row)
LEFT JOIN household h ON h.hh_key = i.hh_key
WHERE i.code = 'C_GUARANTEE_VALUE'
