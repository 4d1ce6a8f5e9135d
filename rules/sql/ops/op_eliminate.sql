-- code: OP_ELIMINATE
-- title: 风险消除标注
-- basis: SPEC §5.2、§6.2；工作方案 §三(三)5（风险消除标注）、§二(六)（风险消除）
-- stage: ops
--
-- Every monitored household whose 建议 is 风险消除 (SPEC §5.2) is marked in
-- the national system, after the village's hearing and notice (§二(六)2).
SELECT 'OP_ELIMINATE', e.township, e.village, e.hh_key, NULL, NULL,
       (SELECT title FROM rule_info WHERE code = 'ELIMINATION'),
       '经评议公示后标注'
FROM elimination e
CROSS JOIN verdict_text v
WHERE e.advice = v.eliminate
