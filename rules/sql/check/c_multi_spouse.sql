-- code: C_MULTI_SPOUSE
-- title: 多个配偶
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: relation
--
-- Two or more persons of M are 配偶 (of the 户主).
SELECT 'C_MULTI_SPOUSE', '疑点', hh_key, NULL, NULL, township, village,
       '配偶' || m_spouses || '人：' || m_spouse_names,
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE m_spouses >= 2 AND relation_col
