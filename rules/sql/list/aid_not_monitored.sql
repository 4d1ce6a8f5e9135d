-- code: AID_NOT_MONITORED
-- title: 低保特困户未纳入监测（需研判）
-- basis: SPEC §5.5；工作方案 §二(三)（部门筛查预警）、§二(四)4（同步信息比对）
-- stage: list
-- needs: input:aid
--
-- A household not monitored, n > 0, with a member on a 低保 or 特困 row
-- active at as_of, and net < line × n × (1 + aid.margin), compared exactly.
-- Once per household; 比对值 names the categories. A clue to weigh (需研判),
-- never a verdict.
SELECT 'AID_NOT_MONITORED', '低保特困户未纳入监测（需研判）',
       h.township, h.village, h.hh_key, h.head_id, h.head_name, '民政',
       '', string_agg(DISTINCT a.category, '、' ORDER BY a.category), '',
       '家庭成员在民政' || string_agg(DISTINCT a.category, '、' ORDER BY a.category)
         || '名册，人均纯收入 ' || h.pc || ' 元，低于监测线的 '
         || rtrim(rtrim(((1 + pr.aid_margin) * 100)::DECIMAL(18,2)::VARCHAR, '0'), '.') || '%'
FROM hh_income h
CROSS JOIN params pr
JOIN list_member m ON m.hh_key = h.hh_key
JOIN aid_person a ON a.id = m.id AND a.category IN ('低保', '特困')
WHERE NOT h.monitored AND h.n > 0 AND h.net < h.threshold * (1 + pr.aid_margin)
GROUP BY h.township, h.village, h.hh_key, h.head_id, h.head_name, h.pc, pr.aid_margin
