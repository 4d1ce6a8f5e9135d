-- code: INCOME_LINE_CROSS
-- title: 重算收入跨越监测线
-- basis: SPEC §4、§5.3；工作方案 §二(一)（监测范围7500元）、§三(四)2
-- stage: discrepancy
--
-- SPEC §4 (below the line: net < line × n, exactly)
-- and §5.3; work plan §二(一) (监测范围7500元) and §三(四)2.
-- The declared 人均纯收入 and the recomputed income fall on different sides of the line.
SELECT 'INCOME_LINE_CROSS', '重算收入跨越监测线',
       h.township, h.village, h.hh_key, h.head_id, h.head_name, '排查表',
       h.pc_declared::VARCHAR,
       h.pc::VARCHAR,
       (h.pc - h.pc_declared)::DECIMAL(18,2)::VARCHAR,
       CASE WHEN h.net < h.threshold THEN '申报人均纯收入在监测线以上，重算后低于监测线 ' || p.line
            ELSE '申报人均纯收入低于监测线，重算后不低于监测线 ' || p.line END
FROM hh_income h, params p
WHERE h.n > 0 AND h.pc_declared IS NOT NULL
  AND (h.pc_declared < p.line) <> (h.net < h.threshold)
