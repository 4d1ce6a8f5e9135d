SELECT DISTINCT "疑点编码" FROM out_discrepancies ORDER BY 1
