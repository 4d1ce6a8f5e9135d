-- code: SELFPAY_MISMATCH
-- title: 合规自付支出与医保数据不符
-- basis: SPEC §4（合规自付支出取申报与医保的较大者）、§5.3；工作方案 §三(四)2、§三(四)4（医疗等刚性支出）
-- stage: discrepancy
--
-- SPEC §4 (selfpay′ = max(declared, med),
-- 应纳尽纳) and §5.3; work plan §三(四)2 and §三(四)4 (刚性支出).
-- Medical 合规自付 in the window exceeds the declared 合规自付支出 by more than
-- tolerance.selfpay.
SELECT 'SELFPAY_MISMATCH', '合规自付支出与医保数据不符',
       h.township, h.village, h.hh_key, h.head_id, h.head_name, '医保',
       h.selfpay::VARCHAR, h.med::VARCHAR, (h.med - h.selfpay)::DECIMAL(18,2)::VARCHAR,
       '医保合规自付高于申报，测算已按医保金额计'
FROM hh_income h, params p
WHERE h.n > 0 AND h.med - h.selfpay > p.tol_selfpay
