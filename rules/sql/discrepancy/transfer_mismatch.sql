-- code: TRANSFER_MISMATCH
-- title: 转移性收入与一卡通不符
-- basis: SPEC §4（转移性收入取申报与一卡通的较大者）、§5.3；工作方案 §三(四)2、§三(三)2（打印农牧户一卡通信息）
-- stage: discrepancy
--
-- SPEC §4 (transfer′ = max(declared, card)) and
-- §5.3; work plan §三(四)2 and §三(三)2 (打印2022、2023两年度农牧户一卡通信息).
-- 一卡通 payments in the window exceed the declared 转移性收入 by more than
-- tolerance.transfer.
SELECT 'TRANSFER_MISMATCH', '转移性收入与一卡通不符',
       h.township, h.village, h.hh_key, h.head_id, h.head_name, '一卡通',
       h.transfer::VARCHAR, h.card::VARCHAR, (h.card - h.transfer)::DECIMAL(18,2)::VARCHAR,
       '一卡通发放高于申报转移性收入，测算已按一卡通金额计'
FROM hh_income h, params p
WHERE h.n > 0 AND h.card - h.transfer > p.tol_transfer
