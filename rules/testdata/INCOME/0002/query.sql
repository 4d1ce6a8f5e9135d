SELECT hh_key, card::VARCHAR FROM hh_income ORDER BY 1
