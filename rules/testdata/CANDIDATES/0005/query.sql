SELECT "户编号", "候选类型" FROM out_candidates
