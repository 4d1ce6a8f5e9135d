SELECT "户编号", "监测对象类型" FROM out_elimination
