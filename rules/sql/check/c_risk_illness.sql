-- code: C_RISK_ILLNESS
-- title: 因病风险无依据
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: risks health
--
-- Risk 因病 with no person listed (any status) 患有大病 or 长期慢性病, no
-- medical cost in the window and no 合规自付支出 declared.
SELECT 'C_RISK_ILLNESS', '疑点', hh_key, NULL, NULL, township, village,
       '风险为因病，无成员患有大病或长期慢性病，无医保合规自付及申报合规自付支出',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE has_risk(risks, '因病') AND health_col AND NOT all_ill
  AND med = 0 AND coalesce(selfpay, 0) = 0
