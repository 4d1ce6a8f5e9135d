SELECT * FROM out_key_stats
