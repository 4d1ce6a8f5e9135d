-- paicha prepare (SPEC §6.2; work plan §三(三)2, 5月16日—17日): what the
-- surveyors carry to each household, over last year's loaded survey and the
-- card data, after the rules have run (hh_income, key_household).

-- Each household's first row: a household read from several sheets is one.
CREATE OR REPLACE TABLE prep_hh AS
SELECT * FROM household
QUALIFY row_number() OVER (PARTITION BY hh_key ORDER BY file_ord, sheet_ord, src_row) = 1;

-- The persons of each household once (a repeated ID adds nothing, SPEC
-- §3.3), in the order the form and the statement list them: the 户主 (§9:
-- the first person of M, in sheet order, whose relation is 户主, else the
-- first of M), the rest of M in sheet order, then the dead and moved-out.
CREATE OR REPLACE TABLE prep_person AS
WITH once AS (
    SELECT p.*, input_pos(p.file_ord, p.sheet_ord, p.src_row) AS pos, p.status = '正常' AS in_m
    FROM person p
    QUALIFY row_number() OVER (PARTITION BY p.hh_key, p.id ORDER BY input_pos(p.file_ord, p.sheet_ord, p.src_row)) = 1
), head AS (
    SELECT hh_key, arg_min(id, head_order(relation, file_ord, sheet_ord, src_row)) AS head_id
    FROM once WHERE in_m GROUP BY hh_key
)
SELECT o.*, o.id IS NOT DISTINCT FROM h.head_id AND o.in_m AS is_head,
       row_number() OVER (PARTITION BY o.hh_key
           ORDER BY CASE WHEN o.id IS NOT DISTINCT FROM h.head_id AND o.in_m THEN 0 WHEN o.in_m THEN 1 ELSE 2 END, o.pos) AS ord
FROM once o LEFT JOIN head h ON h.hh_key = o.hh_key;

-- 重点户 categories 2–10 (SPEC §5.5) where the run computed them: the KEY
-- becomes a join with key_household when that table exists.
CREATE OR REPLACE TABLE prep_key AS
SELECT NULL::VARCHAR AS hh_key, NULL::VARCHAR AS cats WHERE false /*KEY*/;

-- prep_form: one row per person of the forms, the household's fields on
-- its first row. sheet: 0 监测户 (monitored, §3.3), 1 脱贫户, 2 重点户, 3 一般户 —
-- the first that applies. Values are the form's text; dates YYYY-MM-DD.
CREATE OR REPLACE VIEW prep_form AS
SELECT h.township, h.village,
       CASE WHEN i.monitored THEN 0 WHEN h.hh_type = '脱贫户' THEN 1
            WHEN k.cats IS NOT NULL THEN 2 ELSE 3 END AS sheet,
       h.hh_key, p.ord,
       NOT p.in_m AS departed,
       p.ord = 1 AS first,
       -- no 户编号: the 户主's ID, the key compare gave it, so that it keeps it
       coalesce(nullif(h.hh_no, ''), h.hh_key) AS hh_no,
       h.hh_type, coalesce(h.monitor_type, '') AS monitor_type,
       coalesce(strftime(h.monitor_since, '%Y-%m-%d'), '') AS monitor_since,
       CASE WHEN h.eliminated THEN '是' ELSE '否' END AS eliminated,
       coalesce(h.elim_way, '') AS elim_way,
       coalesce(strftime(h.elim_date, '%Y-%m-%d'), '') AS elim_date,
       coalesce(p.name, '') AS name, coalesce(p.id, '') AS id,
       coalesce(p.relation, '') AS relation, coalesce(p.health, '') AS health,
       coalesce(p.labor, '') AS labor,
       CASE WHEN p.in_m THEN '' ELSE coalesce(p.status, '') END AS status,
       CASE WHEN p.in_m THEN '' ELSE coalesce(strftime(p.status_date, '%Y-%m-%d'), '') END AS status_date,
       coalesce(k.cats, '') AS key_cats
FROM prep_hh h
JOIN prep_person p ON p.hh_key = h.hh_key
LEFT JOIN hh_income i ON i.hh_key = h.hh_key
LEFT JOIN prep_key k ON k.hh_key = h.hh_key
ORDER BY h.township, h.village, sheet, h.hh_key, p.ord;

-- The statements' span: 1 January of the year before as_of's year up to
-- as_of (SPEC §9).
CREATE OR REPLACE TABLE prep_span AS
SELECT make_date(year(as_of) - 1, 1, 1) AS first_day, as_of AS last_day FROM params;

-- prep_statement: per household a row 'H' (户主, members, how many failed
-- payments and repeated serials of its persons in the span were left out),
-- then its payments 'P' by person, item, date: every loaded 一卡通 row of any
-- person listed in the household (as income and `paicha explain` count
-- them), excluded items marked, refunds as the negative rows they are.
CREATE OR REPLACE VIEW prep_statement AS
WITH ids AS (
    SELECT hh_key, id, name, ord, status, in_m FROM prep_person
), pay AS (
    SELECT i.hh_key, i.ord, i.name AS person, i.id, c.item, c.pay_date, c.amount,
           x.item IS NOT NULL AS excluded, input_pos(c.file_ord, c.sheet_ord, c.src_row) AS pos
    FROM ids i
    JOIN card c ON c.id = i.id
    CROSS JOIN prep_span s
    LEFT JOIN card_item_excluded x ON x.item IS NOT DISTINCT FROM c.item
    WHERE c.pay_date BETWEEN s.first_day AND s.last_day
), failed AS (
    SELECT i.hh_key, count(*) AS n
    FROM ids i JOIN card_skipped f ON f.id = i.id CROSS JOIN prep_span s
    WHERE f.pay_date BETWEEN s.first_day AND s.last_day
    GROUP BY i.hh_key
), dup AS (
    SELECT i.hh_key, count(*) AS n
    FROM ids i JOIN card_duplicate d ON d.id = i.id CROSS JOIN prep_span s
    WHERE d.pay_date BETWEEN s.first_day AND s.last_day
    GROUP BY i.hh_key
), members AS (
    SELECT hh_key,
           string_agg(coalesce(name, '') || CASE WHEN in_m THEN '' ELSE '（' || coalesce(status, '') || '）' END, '、' ORDER BY ord) AS names,
           arg_min(name, ord) FILTER (WHERE in_m) AS head_name,
           arg_min(id, ord) FILTER (WHERE in_m) AS head_id
    FROM ids GROUP BY hh_key
)
SELECT h.township, h.village, h.hh_key, 'H' AS kind, 0 AS ord, 0::HUGEINT AS pos,
       coalesce(nullif(h.hh_no, ''), h.hh_key) AS a, coalesce(m.head_name, '') AS b, coalesce(m.head_id, '') AS c,
       coalesce(m.names, '') AS d, coalesce(f.n, 0)::VARCHAR AS e, coalesce(u.n, 0)::VARCHAR AS f, '' AS g
FROM prep_hh h
LEFT JOIN members m ON m.hh_key = h.hh_key
LEFT JOIN failed f ON f.hh_key = h.hh_key
LEFT JOIN dup u ON u.hh_key = h.hh_key
UNION ALL
SELECT h.township, h.village, h.hh_key, 'P', p.ord, p.pos,
       coalesce(p.person, ''), p.id, coalesce(p.item, ''), strftime(p.pay_date, '%Y-%m-%d'), p.amount::VARCHAR,
       CASE WHEN p.excluded THEN '不计入收入' ELSE '' END, ''
FROM pay p
JOIN prep_hh h ON h.hh_key = p.hh_key
ORDER BY 1, 2, 3, 4, 5, 9, 10, 6;
