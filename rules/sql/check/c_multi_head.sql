-- code: C_MULTI_HEAD
-- title: 多个户主
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: relation
--
-- Two or more persons of M are 户主: two households merged under one key, or
-- a relation mistyped.
SELECT 'C_MULTI_HEAD', '错误', h.hh_key, NULL, NULL, h.township, h.village,
       '户主' || h.m_heads || '人：' || n.names,
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h JOIN member_names('head') n ON n.hh_key = h.hh_key
WHERE h.m_heads >= 2 AND h.relation_col
