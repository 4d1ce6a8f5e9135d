SELECT "疑点编码", "户编号", "身份证号", "来源" FROM out_discrepancies
