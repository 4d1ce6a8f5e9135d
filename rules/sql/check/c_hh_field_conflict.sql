-- code: C_HH_FIELD_CONFLICT
-- title: 同户成员户信息不一致
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: 
--
-- A later row of a household whose household field differs from the first
-- row's (SPEC §3.3.1), as the reader found it: once per household and field,
-- at the first differing row (first_issue).
SELECT 'C_HH_FIELD_CONFLICT', '疑点', hh_key, NULL, NULL, township, village,
       field_label(field) || '：首行为“' || coalesce(value, '') || '”，此行为“' || coalesce(other, '') || '”',
       file_ord, sheet_ord, src_row
FROM first_issue('C_HH_FIELD_CONFLICT')
