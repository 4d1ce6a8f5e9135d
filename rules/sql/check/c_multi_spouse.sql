-- code: C_MULTI_SPOUSE
-- title: 多个配偶
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: relation
--
-- Two or more persons of M are 配偶 (of the 户主).
SELECT 'C_MULTI_SPOUSE', '疑点', h.hh_key, NULL, NULL, h.township, h.village,
       '配偶' || h.m_spouses || '人：' || n.names,
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h JOIN member_names('spouse') n ON n.hh_key = h.hh_key
WHERE h.m_spouses >= 2 AND h.relation_col
