-- code: INCOME_DROP
-- title: 收入大幅缩减
-- basis: SPEC §5.3；工作方案 §二(二)3（收入大幅缩减）
-- stage: discrepancy
--
-- SPEC §5.3; work plan §二(二)3 (收入大幅缩减).
-- net / n < 上年人均纯收入 × (1 − drop.ratio), compared exactly as
-- net < 上年人均纯收入 × (1 − drop.ratio) × n.
SELECT 'INCOME_DROP', '收入大幅缩减',
       h.township, h.village, h.hh_key, h.head_id, h.head_name, '排查表',
       h.pc_last_year::VARCHAR,
       h.pc::VARCHAR,
       (h.pc - h.pc_last_year)::DECIMAL(18,2)::VARCHAR,
       '人均纯收入低于上年的 ' || (1 - p.drop_ratio) * 100 || '%'
FROM hh_income h, params p
WHERE h.n > 0 AND h.pc_last_year IS NOT NULL
  AND h.net < h.pc_last_year * (1 - p.drop_ratio) * h.n
