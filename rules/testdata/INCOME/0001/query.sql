SELECT pure::VARCHAR, selfpay_v::VARCHAR, net::VARCHAR FROM hh_income
