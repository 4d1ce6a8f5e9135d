SELECT hh_key, n, n_members, head_id FROM hh_income ORDER BY 1
