-- code: DROPOUT_SUSPECT
-- title: 疑似辍学但义务教育保障为是
-- basis: SPEC §5.5；工作方案 §三(四)3（“三保障”状况）、§二(四)4（同步信息比对）
-- stage: list
-- needs: input:school
--
-- A member (M) on a dropout list, 学龄 6–15 (the age on the 1 September on
-- or before as_of), in a household whose 义务教育保障 the survey says is 是
-- (the survey's own value: a guarantee: list does not change it here, §9).
SELECT 'DROPOUT_SUSPECT', '疑似辍学但义务教育保障为是',
       m.township, m.village, m.hh_key, m.id, m.name, '教育',
       '义务教育保障：是', '疑似辍学', '',
       '教育部门辍学名单' || coalesce('：' || nullif(any_value(s.reason), ''), '')
         || '，学龄 ' || school_age(m.birth_date, pr.as_of) || ' 周岁'
FROM list_member m
CROSS JOIN params pr
JOIN household h ON h.hh_key = m.hh_key AND h.g_edu IS TRUE
JOIN school s ON s.id = m.id AND s.id_valid AND s.dropout
WHERE school_age(m.birth_date, pr.as_of) BETWEEN 6 AND 15
GROUP BY m.township, m.village, m.hh_key, m.id, m.name, m.birth_date, pr.as_of
