SELECT "户编号", "申报值", "比对值", "差额" FROM out_discrepancies WHERE "疑点编码" = 'TRANSFER_MISMATCH'
