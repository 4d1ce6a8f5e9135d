-- code: C_HH_FIELD_CONFLICT
-- title: 同户成员户信息不一致
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: 
--
-- A later row of a household whose household field differs from the first
-- row's (SPEC §3.3.1), as the reader found it: once per household and field,
-- at the first differing row.
WITH first AS (
    SELECT hh_key, field,
           arg_min(value, input_pos(file_ord, sheet_ord, src_row)) AS value,
           arg_min(other, input_pos(file_ord, sheet_ord, src_row)) AS other,
           min(input_pos(file_ord, sheet_ord, src_row))            AS pos
    FROM survey_issue
    WHERE code = 'C_HH_FIELD_CONFLICT'
    GROUP BY hh_key, field
)
SELECT 'C_HH_FIELD_CONFLICT', '疑点', i.hh_key, NULL, NULL, h.township, h.village,
       field_label(i.field) || '：首行为“' || coalesce(f.value, '') || '”，此行为“' || coalesce(f.other, '') || '”',
       i.file_ord, i.sheet_ord, i.src_row
FROM survey_issue i
JOIN first f ON f.hh_key = i.hh_key AND f.field = i.field
            AND f.pos = input_pos(i.file_ord, i.sheet_ord, i.src_row)
LEFT JOIN household h ON h.hh_key = i.hh_key
WHERE i.code = 'C_HH_FIELD_CONFLICT'
