SELECT * FROM out_key_households
