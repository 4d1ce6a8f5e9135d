-- code: KEY
-- title: 重点户分类
-- basis: SPEC §5.5（重点户）、§6.1；工作方案 §三(三)2（打印脱贫户、监测户、10类重点户、一般户信息）
-- stage: key
--
-- The 10 categories of 重点户 (SPEC §5.5): key_household holds one row per
-- household and category it is in (a household may be in several). Only
-- households with n > 0 (§9); a member is a person of M. Categories read the
-- survey and, where given, the department lists (tables of lists.sql).
-- (system_ops.csv reads key_household too: keep its name and columns.)
-- The members with their age at as_of and grade (the survey's, else the
-- 残联 list's), once: most categories read them.
CREATE OR REPLACE TEMP TABLE key_member AS
SELECT m.hh_key, m.id, m.labor, m.health, m.dibao, m.tekun, m.school,
       age_at(m.birth_date, pr.as_of) AS age,
       coalesce(nullif(m.disability, 0), g.grade) AS grade
FROM list_member m CROSS JOIN params pr
LEFT JOIN list_grade g ON g.id = m.id;

CREATE OR REPLACE TABLE key_household AS
WITH hh AS (
    SELECT h.*, pr.as_of, pr.aid_margin, pr.key_wage_share, pr.drop_ratio, pr.medical_alert,
           pr.window_start, pr.window_end
    FROM hh_income h CROSS JOIN params pr
    WHERE h.n > 0
), mem AS (
    SELECT * FROM key_member
), higher_edu AS (
    -- 非义务教育在读: the survey's 在校生状况, or a 学段 on an enrolment row
    SELECT m.hh_key, m.id FROM mem m
    WHERE regexp_matches(coalesce(m.school, ''), '^(普通高中|中职|高职高专|技师学院|本科)')
    UNION
    SELECT m.hh_key, m.id FROM mem m
    JOIN school s ON s.id = m.id AND s.id_valid AND NOT s.dropout
    WHERE regexp_matches(coalesce(s.stage, ''), '(高中|中职|中专|职高|高职|高专|技师|本科|大学|大专)')
)
SELECT hh_key, 1 AS category FROM hh WHERE hh_type = '脱贫户'
UNION ALL
SELECT hh_key, 2 FROM hh
WHERE net < threshold * (1 + aid_margin)
   OR (pc_last_year IS NOT NULL AND net < pc_last_year * (1 - drop_ratio) * n)
UNION ALL
SELECT DISTINCT m.hh_key, 3 FROM mem m
WHERE m.tekun IS TRUE OR EXISTS (SELECT 1 FROM aid_person a WHERE a.id = m.id AND a.category = '特困')
UNION ALL
SELECT DISTINCT m.hh_key, 4 FROM mem m
WHERE m.dibao IS TRUE OR EXISTS (SELECT 1 FROM aid_person a WHERE a.id = m.id AND a.category = '低保')
UNION ALL
-- 5: a grade 一级/二级 (the survey's, else the 残联 list's) whatever the
-- health (SPEC §9), or two or more members whose 健康状况 is 残疾
SELECT hh_key, 5 FROM mem GROUP BY hh_key
HAVING bool_or(grade IN (1, 2)) OR count(*) FILTER (WHERE health = '残疾') >= 2
UNION ALL
SELECT hh_key, 6 FROM higher_edu GROUP BY hh_key HAVING count(DISTINCT id) >= 2
UNION ALL
SELECT hh_key, 7 FROM hh WHERE gross > 0 AND wage >= key_wage_share * gross
UNION ALL
SELECT hh_key, 8 FROM hh
WHERE med >= medical_alert
   OR EXISTS (SELECT 1 FROM mem m JOIN aid_person a ON a.id = m.id AND a.category = '临时救助'
              WHERE m.hh_key = hh.hh_key)
   OR EXISTS (SELECT 1 FROM list_hit l WHERE l.hh_key = hh.hh_key AND l.use = 'risk' AND l.use_arg = '因灾')
UNION ALL
SELECT hh_key, 9 FROM mem GROUP BY hh_key
HAVING bool_or(age >= 60 AND labor = '丧失劳动力')
    OR (bool_or(age < 16) AND NOT coalesce(bool_or(age BETWEEN 18 AND 59), false))
UNION ALL
SELECT h.hh_key, 10 FROM hh h
WHERE h.monitored AND h.monitor_since IS NOT NULL
  AND h.as_of > CAST(h.monitor_since + INTERVAL 12 MONTH AS DATE)
  AND EXISTS (SELECT 1 FROM mem m WHERE m.hh_key = h.hh_key AND m.labor IN ('普通劳动力', '技能劳动力'));

-- The §5.5 names of the categories, as 类别名称 and 分类统计's headers show them.
CREATE OR REPLACE TABLE key_category (category INTEGER, name VARCHAR);
INSERT INTO key_category VALUES
    (1, '脱贫户'), (2, '收入较低或明显减少'), (3, '分散供养特困人员'), (4, '农村低保对象'),
    (5, '残疾人家庭'), (6, '多子女非义务教育在读'), (7, '务工收入占比高'),
    (8, '因病因灾刚性支出较大或收入缩减'), (9, '失能老人、留守儿童'),
    (10, '有劳动能力监测对象超过一年未消除');

-- key_households.csv (SPEC §6.1): households in at least one category.
CREATE OR REPLACE VIEW out_key_households AS
SELECT h.township              AS "乡镇",
       h.village               AS "村",
       h.hh_key                AS "户编号",
       coalesce(h.head_name, '') AS "户主姓名",
       coalesce(h.head_id, '')   AS "户主身份证号",
       coalesce(h.hh_type, '')   AS "户类型",
       CASE WHEN h.monitored THEN '是' ELSE '否' END AS "是否监测对象",
       string_agg(k.category::VARCHAR, '、' ORDER BY k.category) AS "重点户类别",
       string_agg(c.name, '、' ORDER BY k.category)              AS "类别名称"
FROM key_household k
JOIN key_category c ON c.category = k.category
JOIN hh_income h ON h.hh_key = k.hh_key
GROUP BY h.township, h.village, h.hh_key, h.head_name, h.head_id, h.hh_type, h.monitored
ORDER BY "乡镇", "村", "户编号";

-- 分类统计 (SPEC §6.1): per village (乡镇, 村), 总户数 = 监测户 + 脱贫户 + 一般户
-- (the latter two of the households not monitored, by 户类型); 重点户 is any
-- of categories 2–10; then one column per category. A household with n = 0
-- counts in 总户数 (and its 户类型 column) only. Each township's villages are
-- followed by its 合计 row (村 合计), so that a township's workbook, which
-- takes the rows of its 乡镇, has its own; the county's 合计 row (乡镇 合计)
-- ends report.xlsx's sheet.
CREATE OR REPLACE VIEW out_key_stats AS
WITH per_hh AS (
    SELECT h.township, h.village, h.hh_key, h.monitored,
           NOT h.monitored AND h.hh_type = '脱贫户' AS poor,
           list(k.category) FILTER (WHERE k.category IS NOT NULL) AS cats
    FROM hh_income h LEFT JOIN key_household k ON k.hh_key = h.hh_key
    GROUP BY h.township, h.village, h.hh_key, h.monitored, h.hh_type
), counted AS (
    SELECT GROUPING(township) AS county_total, GROUPING(village) AS town_total,
           coalesce(township, '') AS township, coalesce(village, '') AS village,
           count(*) AS all_hh,
           count(*) FILTER (WHERE monitored) AS mon,
           count(*) FILTER (WHERE poor) AS poor,
           count(*) FILTER (WHERE NOT monitored AND NOT poor) AS general,
           count(*) FILTER (WHERE list_has_any(cats, [2, 3, 4, 5, 6, 7, 8, 9, 10])) AS key_any,
           count(*) FILTER (WHERE list_contains(cats, 1)) AS c1,
           count(*) FILTER (WHERE list_contains(cats, 2)) AS c2,
           count(*) FILTER (WHERE list_contains(cats, 3)) AS c3,
           count(*) FILTER (WHERE list_contains(cats, 4)) AS c4,
           count(*) FILTER (WHERE list_contains(cats, 5)) AS c5,
           count(*) FILTER (WHERE list_contains(cats, 6)) AS c6,
           count(*) FILTER (WHERE list_contains(cats, 7)) AS c7,
           count(*) FILTER (WHERE list_contains(cats, 8)) AS c8,
           count(*) FILTER (WHERE list_contains(cats, 9)) AS c9,
           count(*) FILTER (WHERE list_contains(cats, 10)) AS c10
    FROM per_hh
    GROUP BY ROLLUP (township, village)
)
SELECT CASE WHEN county_total = 1 THEN '合计' ELSE township END AS "乡镇",
       CASE WHEN county_total = 0 AND town_total = 1 THEN '合计' ELSE village END AS "村",
       all_hh::VARCHAR AS "总户数", mon::VARCHAR AS "监测户", poor::VARCHAR AS "脱贫户", general::VARCHAR AS "一般户",
       key_any::VARCHAR AS "重点户",
       c1::VARCHAR AS "1 脱贫户", c2::VARCHAR AS "2 收入较低或明显减少", c3::VARCHAR AS "3 分散供养特困人员",
       c4::VARCHAR AS "4 农村低保对象", c5::VARCHAR AS "5 残疾人家庭", c6::VARCHAR AS "6 多子女非义务教育在读",
       c7::VARCHAR AS "7 务工收入占比高", c8::VARCHAR AS "8 因病因灾刚性支出较大或收入缩减",
       c9::VARCHAR AS "9 失能老人、留守儿童", c10::VARCHAR AS "10 有劳动能力监测对象超过一年未消除"
FROM counted
ORDER BY county_total, township, town_total, village;
