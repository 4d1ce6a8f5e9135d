SELECT "户编号", "风险因素" FROM out_candidates
