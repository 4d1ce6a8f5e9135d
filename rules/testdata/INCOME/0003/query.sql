SELECT card::VARCHAR, med::VARCHAR FROM hh_income
