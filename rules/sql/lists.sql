-- code: LISTS
-- title: 部门比对
-- basis: SPEC §3.5、§5.5；工作方案 §二(四)4（同步信息比对）、§四(二)（部门数据共享）
-- stage: list
--
-- The department comparisons of SPEC §5.5. Their findings go into the
-- discrepancy table (discrepancies.sql) with 来源 公安, 民政, 残联, 教育 or a
-- list's source. This file keeps, once, the list rows that count (§9 "which
-- list rows count") and the facts the rules of list/ and the 重点户 share.
-- A list row is only a 线索: it never adds income and never removes a person
-- from n.

-- 公安 rows dated on or before as_of (undated rows count).
CREATE OR REPLACE TABLE police_counted AS
SELECT x.* FROM police x CROSS JOIN params pr
WHERE x.id_valid AND (x.change_date IS NULL OR x.change_date <= pr.as_of);

-- 残联 rows issued on or before as_of (or undated).
CREATE OR REPLACE TABLE disability_counted AS
SELECT x.* FROM disability x CROSS JOIN params pr
WHERE x.id_valid AND (x.issued IS NULL OR x.issued <= pr.as_of);

-- 民政 rows that count: 低保 and 特困 rows active at as_of (start blank or
-- ≤ as_of, end blank or ≥ as_of), 临时救助 rows dated in W and on or before
-- as_of.
CREATE OR REPLACE TABLE aid_counted AS
SELECT x.* FROM aid x CROSS JOIN params pr
WHERE x.id_valid
  AND CASE WHEN x.category = '临时救助'
           THEN x.start_date BETWEEN pr.window_start AND least(pr.window_end, pr.as_of)
           ELSE (x.start_date IS NULL OR x.start_date <= pr.as_of)
                AND (x.end_date IS NULL OR x.end_date >= pr.as_of) END;

-- The persons an aid row covers: its own ID, and for a row that stands for
-- the 户主's whole household, every person of each household listing that ID.
CREATE OR REPLACE TABLE aid_person AS
SELECT a.id, a.category, a.file_ord, a.sheet_ord, a.src_row FROM aid_counted a
UNION
SELECT p.id, a.category, a.file_ord, a.sheet_ord, a.src_row
FROM aid_counted a
JOIN person h ON h.id = a.id
JOIN person p ON p.hh_key = h.hh_key
WHERE a.whole_household;

-- The members (M) of households with n > 0: the persons §5.5's rules look at.
-- Only the columns the rules read: a county's persons are copied once.
CREATE OR REPLACE TABLE list_member AS
SELECT p.file_ord, p.sheet_ord, p.src_row, p.hh_key, p.id, p.name, p.birth_date,
       p.labor, p.health, p.disability, p.dibao, p.tekun, p.school,
       h.township, h.village
FROM person p JOIN hh_income h ON h.hh_key = p.hh_key
WHERE p.status = '正常' AND h.n > 0;

-- The villages the survey covers, as (乡镇, 村) (SPEC §9 "a village").
CREATE OR REPLACE TABLE surveyed_village AS
SELECT DISTINCT township, village FROM household;

-- The list rows LIST_NOT_SURVEYED does not report, counted for summary.json
-- (SPEC §5.5): people in no survey household whose row names no village,
-- and 城市低保, 城市特困 and 集中供养 rows (not the village's to survey).
CREATE OR REPLACE TABLE list_unplaced AS
WITH listed AS (
    SELECT id, village, category_raw LIKE '%城市%' OR category_raw LIKE '%集中供养%' AS urban FROM aid_counted
    UNION ALL SELECT id, village, false FROM disability_counted
    UNION ALL SELECT id, village, false FROM school WHERE dropout AND id_valid
)
SELECT CASE WHEN urban THEN 'urban' ELSE 'no_village' END AS reason, count(*) AS n
FROM listed l
WHERE (urban OR coalesce(village, '') = '')
  AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = l.id)
GROUP BY 1;
