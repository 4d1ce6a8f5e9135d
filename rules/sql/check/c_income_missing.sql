-- code: C_INCOME_MISSING
-- title: 收入项目缺失
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: 
--
-- The household's sheet has none of 工资性收入, 生产经营性收入, 财产性收入,
-- 转移性收入 (SPEC §3.3.1): its income cannot be recomputed, so it is not
-- classified. The reader marks it (household.income_missing).
SELECT 'C_INCOME_MISSING', '错误', hh_key, NULL, NULL, township, village,
       '所在工作表无工资性、生产经营性、财产性、转移性收入列，未测算收入',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE income_missing
