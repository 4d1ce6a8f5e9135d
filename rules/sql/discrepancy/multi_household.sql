-- code: MULTI_HOUSEHOLD
-- title: 一人多户
-- basis: SPEC §4、§5.3；工作方案 §三(一)（以共同居住生活的家庭为单位）
-- stage: discrepancy
--
-- SPEC §4 (an ID listed in two households counts in both) and §5.3;
-- work plan §三(一) (以共同居住生活的家庭为单位).
-- Once per ID listed in two or more survey households; shown under the first
-- household, the note names them all.
SELECT 'MULTI_HOUSEHOLD', '一人多户',
       ph.township, ph.village, ph.hh_no, ph.id, ph.name, '排查表',
       '', ph.households::VARCHAR, '',
       '同一身份证号列在 ' || ph.households || ' 户：户编号 '
         || (SELECT string_agg(DISTINCT h.hh_key, '、' ORDER BY h.hh_key)
             FROM person p JOIN household h ON h.hh_key = p.hh_key WHERE p.id = ph.id)
FROM person_home ph
WHERE ph.households >= 2
