-- code: C_NO_RISK
-- title: 监测户未填写致贫返贫风险
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: risks
--
-- A monitored household with every 致贫/返贫风险 column blank: the system
-- requires at least one risk, and measures follow from it.
SELECT 'C_NO_RISK', '错误', hh_key, NULL, NULL, township, village,
       '监测户致贫返贫风险均为空',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE monitored AND has_field(fields, 'risks') AND blank(risks)
