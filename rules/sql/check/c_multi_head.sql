-- code: C_MULTI_HEAD
-- title: 多个户主
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: relation
--
-- Two or more persons of M are 户主: two households merged under one key, or
-- a relation mistyped.
SELECT 'C_MULTI_HEAD', '错误', hh_key, NULL, NULL, township, village,
       '户主' || m_heads || '人：' || m_head_names,
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE m_heads >= 2 AND relation_col
