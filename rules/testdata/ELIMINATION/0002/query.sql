SELECT "户编号", "建议", "原因" FROM out_elimination
