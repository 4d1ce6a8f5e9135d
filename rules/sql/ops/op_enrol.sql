-- code: OP_ENROL
-- title: 新识别监测对象录入
-- basis: SPEC §5.1、§6.2；工作方案 §三(三)5（系统录入）、§二(四)（新识别监测对象经评议公示后录入）
-- stage: ops
--
-- Every candidate household (SPEC §5.1) is entered into the national system
-- once the village has heard and posted it (§二(四)2): the 说明 says so.
SELECT 'OP_ENROL', c.township, c.village, c.hh_key, NULL, NULL,
       (SELECT title FROM rule_info WHERE code = 'CANDIDATES') || '（' || c.candidate_type || '）',
       '经评议公示后录入'
FROM candidates c
