SELECT "户编号", "候选类型", "纯收入" FROM out_candidates
