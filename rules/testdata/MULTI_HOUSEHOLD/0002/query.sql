SELECT "身份证号", "比对值" FROM out_discrepancies WHERE "疑点编码" = 'MULTI_HOUSEHOLD'
