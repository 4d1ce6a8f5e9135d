SELECT "户编号", "风险因素" AS "风险因素或原因", "核对疑点" FROM out_candidates UNION ALL SELECT "户编号", "原因", "核对疑点" FROM out_elimination ORDER BY 1
