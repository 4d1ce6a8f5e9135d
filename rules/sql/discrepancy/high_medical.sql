-- code: HIGH_MEDICAL
-- title: 大额医疗自付
-- basis: SPEC §5.3；工作方案 §三(四)4（医疗等刚性支出且负担较重）
-- stage: discrepancy
--
-- SPEC §5.3; work plan §三(四)4 (医疗等刚性支出且负担较重).
-- Household 合规自付 from the medical data in the window reaches medical.alert.
SELECT 'HIGH_MEDICAL', '大额医疗自付',
       h.township, h.village, h.hh_key, h.head_id, h.head_name, '医保',
       h.selfpay::VARCHAR, h.med::VARCHAR, (h.med - h.selfpay)::DECIMAL(18,2)::VARCHAR,
       '收入测算周期内全户合规自付达到 ' || p.medical_alert || ' 元'
FROM hh_income h, params p
WHERE h.n > 0 AND h.med >= p.medical_alert
