SELECT reason, n FROM list_unplaced ORDER BY reason
