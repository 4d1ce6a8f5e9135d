-- code: DISCREPANCIES
-- title: 疑点清单
-- basis: SPEC §5.3
-- stage: discrepancy
--
-- The discrepancy (疑点) list: one row per finding, SPEC §5.3.
-- Each code has its own file under discrepancy/, a SELECT of the columns below;
-- this file creates the table they are inserted into and the sorted output view.
-- Household-level codes skip households with n = 0 (SPEC §4), except
-- SIZE_MISMATCH, which reports them.

CREATE OR REPLACE TABLE discrepancy (
    code      VARCHAR,  -- 疑点编码
    type_name VARCHAR,  -- 疑点类型
    township  VARCHAR,
    village   VARCHAR,
    hh_no     VARCHAR,  -- the household key; '' where no household applies
    id        VARCHAR,
    name      VARCHAR,
    source    VARCHAR,  -- 排查表, 一卡通 or 医保
    declared  VARCHAR,  -- 申报值
    compared  VARCHAR,  -- 比对值
    diff      VARCHAR,  -- 差额 = 比对值 − 申报值, where both are amounts
    note      VARCHAR   -- 说明
);

-- Where a person is surveyed: the first household listing the ID, in input order,
-- and how many households list it.
-- Built from plain aggregates and joins (input_pos, DISTINCT pairs) rather than
-- arg_min over a struct and count(DISTINCT), which DuckDB could not spill: at
-- 1.3M households they ran out of the 1 GB memory limit. The households are
-- counted only for the IDs listed more than once, a few thousand of millions
-- (a workbook sent twice makes more); every other ID has one (counting the
-- pairs of every ID took 4.6 s against 2.7 at 1.3M households).
CREATE OR REPLACE TABLE person_home AS
WITH listed AS (
    SELECT p.id, p.name, p.hh_key, h.township, h.village,
           input_pos(p.file_ord, p.sheet_ord, p.src_row) AS pos
    FROM person p JOIN household h ON h.hh_key = p.hh_key
), first_pos AS (
    SELECT id, min(pos) AS pos, count(*) > 1 AS listed_again FROM listed GROUP BY id
), households AS (
    SELECT id, count(*) AS households FROM (
        SELECT DISTINCT l.id, l.hh_key
        FROM listed l SEMI JOIN first_pos f ON f.id = l.id AND f.listed_again)
    GROUP BY id
)
SELECT l.id, l.township, l.village, l.hh_key AS hh_no, l.name, coalesce(n.households, 1) AS households
FROM first_pos f
JOIN listed l ON l.id = f.id AND l.pos = f.pos
LEFT JOIN households n ON n.id = f.id;

CREATE OR REPLACE VIEW out_discrepancies AS
SELECT code      AS "疑点编码",
       type_name AS "疑点类型",
       coalesce(township, '') AS "乡镇",
       coalesce(village, '')  AS "村",
       coalesce(hh_no, '')    AS "户编号",
       coalesce(id, '')       AS "身份证号",
       coalesce(name, '')     AS "姓名",
       source    AS "来源",
       coalesce(declared, '') AS "申报值",
       coalesce(compared, '') AS "比对值",
       coalesce(diff, '')     AS "差额",
       coalesce(note, '')     AS "说明"
FROM discrepancy
ORDER BY "乡镇", "村", "户编号", "疑点编码", "身份证号", "来源", "申报值", "比对值", "说明";
