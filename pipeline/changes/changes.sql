-- Changes since the previous successful run (`paicha nightly`, SPEC §1): the
-- candidates, elimination recommendations and discrepancies that are new
-- (新增), gone (已解决) or changed (有变化) — what a township acts on in the
-- morning. Not a monitoring rule: it compares this run's output views with the
-- previous run's CSV files, loaded as text into prev_candidates,
-- prev_elimination and prev_discrepancies (empty on the first run).
--
-- Keys and compared fields:
--   candidates     户编号; 候选类型, 纯收入, 人均纯收入, 风险因素
--   elimination    户编号; 建议, 原因, 人均纯收入
--   discrepancies  (疑点编码, 户编号, 身份证号, 来源); 申报值, 比对值.
--                  A key may repeat (DUPLICATE_RECORD: one row per repeat), so
--                  identical rows are matched first, and the rest of a key's
--                  rows are paired in order: a pair is 有变化, a leftover 新增
--                  or 已解决.
-- 上次/本次 show the compared fields that differ ("字段：值", joined by "；"),
-- or all of them for a new or resolved row.

CREATE OR REPLACE TEMP MACRO chg_v(x) AS coalesce(x, '');
CREATE OR REPLACE TEMP MACRO chg_show(label, v, other, whole) AS
    CASE WHEN whole OR v IS DISTINCT FROM other
         THEN label || '：' || CASE WHEN v = '' THEN '（空）' ELSE v END END;

CREATE OR REPLACE TABLE changes AS
WITH
cur_c AS (
    SELECT chg_v("乡镇") AS t, chg_v("村") AS v, chg_v("户编号") AS hh, chg_v("户主姓名") AS nm,
           chg_v("户主身份证号") AS id, chg_v("候选类型") AS f1, chg_v("纯收入") AS f2,
           chg_v("人均纯收入") AS f3, chg_v("风险因素") AS f4
    FROM out_candidates),
prev_c AS (
    SELECT chg_v("乡镇") AS t, chg_v("村") AS v, chg_v("户编号") AS hh, chg_v("户主姓名") AS nm,
           chg_v("户主身份证号") AS id, chg_v("候选类型") AS f1, chg_v("纯收入") AS f2,
           chg_v("人均纯收入") AS f3, chg_v("风险因素") AS f4
    FROM prev_candidates),
cand AS (
    SELECT 1 AS ord, '新识别监测对象候选' AS list, p.hh IS NOT NULL AS in_prev, c.hh IS NOT NULL AS in_cur,
           coalesce(c.t, p.t) AS t, coalesce(c.v, p.v) AS v, coalesce(c.hh, p.hh) AS hh,
           coalesce(c.nm, p.nm) AS nm, coalesce(c.id, p.id) AS id, coalesce(c.f1, p.f1) AS content,
           CASE WHEN p.hh IS NULL THEN '' ELSE concat_ws('；',
               chg_show('候选类型', p.f1, c.f1, c.hh IS NULL), chg_show('纯收入', p.f2, c.f2, c.hh IS NULL),
               chg_show('人均纯收入', p.f3, c.f3, c.hh IS NULL), chg_show('风险因素', p.f4, c.f4, c.hh IS NULL)) END AS before,
           CASE WHEN c.hh IS NULL THEN '' ELSE concat_ws('；',
               chg_show('候选类型', c.f1, p.f1, p.hh IS NULL), chg_show('纯收入', c.f2, p.f2, p.hh IS NULL),
               chg_show('人均纯收入', c.f3, p.f3, p.hh IS NULL), chg_show('风险因素', c.f4, p.f4, p.hh IS NULL)) END AS after
    FROM cur_c c FULL OUTER JOIN prev_c p ON c.hh = p.hh),
cur_e AS (
    SELECT chg_v("乡镇") AS t, chg_v("村") AS v, chg_v("户编号") AS hh, chg_v("户主姓名") AS nm,
           chg_v("户主身份证号") AS id, chg_v("建议") AS f1, chg_v("原因") AS f2, chg_v("人均纯收入") AS f3
    FROM out_elimination),
prev_e AS (
    SELECT chg_v("乡镇") AS t, chg_v("村") AS v, chg_v("户编号") AS hh, chg_v("户主姓名") AS nm,
           chg_v("户主身份证号") AS id, chg_v("建议") AS f1, chg_v("原因") AS f2, chg_v("人均纯收入") AS f3
    FROM prev_elimination),
elim AS (
    SELECT 2 AS ord, '风险消除建议' AS list, p.hh IS NOT NULL AS in_prev, c.hh IS NOT NULL AS in_cur,
           coalesce(c.t, p.t) AS t, coalesce(c.v, p.v) AS v, coalesce(c.hh, p.hh) AS hh,
           coalesce(c.nm, p.nm) AS nm, coalesce(c.id, p.id) AS id, coalesce(c.f1, p.f1) AS content,
           CASE WHEN p.hh IS NULL THEN '' ELSE concat_ws('；',
               chg_show('建议', p.f1, c.f1, c.hh IS NULL), chg_show('原因', p.f2, c.f2, c.hh IS NULL),
               chg_show('人均纯收入', p.f3, c.f3, c.hh IS NULL)) END AS before,
           CASE WHEN c.hh IS NULL THEN '' ELSE concat_ws('；',
               chg_show('建议', c.f1, p.f1, p.hh IS NULL), chg_show('原因', c.f2, p.f2, p.hh IS NULL),
               chg_show('人均纯收入', c.f3, p.f3, p.hh IS NULL)) END AS after
    FROM cur_e c FULL OUTER JOIN prev_e p ON c.hh = p.hh),
cur_d AS (
    SELECT *, row_number() OVER (PARTITION BY code, hh, id, src, f1, f2 ORDER BY note) AS k1
    FROM (SELECT chg_v("疑点编码") AS code, chg_v("疑点类型") AS ty, chg_v("乡镇") AS t, chg_v("村") AS v,
                 chg_v("户编号") AS hh, chg_v("身份证号") AS id, chg_v("姓名") AS nm, chg_v("来源") AS src,
                 chg_v("申报值") AS f1, chg_v("比对值") AS f2, chg_v("说明") AS note
          FROM out_discrepancies)),
prev_d AS (
    SELECT *, row_number() OVER (PARTITION BY code, hh, id, src, f1, f2 ORDER BY note) AS k1
    FROM (SELECT chg_v("疑点编码") AS code, chg_v("疑点类型") AS ty, chg_v("乡镇") AS t, chg_v("村") AS v,
                 chg_v("户编号") AS hh, chg_v("身份证号") AS id, chg_v("姓名") AS nm, chg_v("来源") AS src,
                 chg_v("申报值") AS f1, chg_v("比对值") AS f2, chg_v("说明") AS note
          FROM prev_discrepancies)),
-- identical rows (same key and values) are unchanged; pair up what is left per key
cur_du AS (
    SELECT *, row_number() OVER (PARTITION BY code, hh, id, src ORDER BY f1, f2, note) AS k2
    FROM cur_d c
    WHERE NOT EXISTS (SELECT 1 FROM prev_d p WHERE p.code = c.code AND p.hh = c.hh AND p.id = c.id
                      AND p.src = c.src AND p.f1 = c.f1 AND p.f2 = c.f2 AND p.k1 = c.k1)),
prev_du AS (
    SELECT *, row_number() OVER (PARTITION BY code, hh, id, src ORDER BY f1, f2, note) AS k2
    FROM prev_d p
    WHERE NOT EXISTS (SELECT 1 FROM cur_d c WHERE p.code = c.code AND p.hh = c.hh AND p.id = c.id
                      AND p.src = c.src AND p.f1 = c.f1 AND p.f2 = c.f2 AND p.k1 = c.k1)),
disc AS (
    SELECT 3 AS ord, '疑点' AS list, p.code IS NOT NULL AS in_prev, c.code IS NOT NULL AS in_cur,
           coalesce(c.t, p.t) AS t, coalesce(c.v, p.v) AS v, coalesce(c.hh, p.hh) AS hh,
           coalesce(c.nm, p.nm) AS nm, coalesce(c.id, p.id) AS id, coalesce(c.ty, p.ty) AS content,
           CASE WHEN p.code IS NULL THEN '' ELSE concat_ws('；',
               chg_show('申报值', p.f1, c.f1, c.code IS NULL), chg_show('比对值', p.f2, c.f2, c.code IS NULL)) END AS before,
           CASE WHEN c.code IS NULL THEN '' ELSE concat_ws('；',
               chg_show('申报值', c.f1, p.f1, p.code IS NULL), chg_show('比对值', c.f2, p.f2, p.code IS NULL)) END AS after
    FROM cur_du c FULL OUTER JOIN prev_du p
      ON c.code = p.code AND c.hh = p.hh AND c.id = p.id AND c.src = p.src AND c.k2 = p.k2),
every AS (
    SELECT * FROM cand UNION ALL SELECT * FROM elim UNION ALL SELECT * FROM disc)
SELECT CASE WHEN NOT in_prev THEN '新增' WHEN NOT in_cur THEN '已解决' ELSE '有变化' END AS change,
       ord, list, t AS township, v AS village, hh AS hh_no, nm AS name, id, content, before, after
FROM every
WHERE NOT (in_prev AND in_cur AND before = '' AND after = '');

CREATE OR REPLACE VIEW out_changes AS
SELECT change   AS "变化",
       list     AS "清单",
       township AS "乡镇",
       village  AS "村",
       hh_no    AS "户编号",
       name     AS "姓名",
       id       AS "身份证号",
       content  AS "内容",
       before   AS "上次",
       after    AS "本次"
FROM changes
ORDER BY "乡镇", "村", "户编号", ord, "身份证号", "内容", "变化", "上次", "本次";
