-- code: NAME_MISMATCH
-- title: 姓名与身份证号不一致
-- basis: SPEC §2（姓名去空格、全角转半角、去间隔号后比较）、§5.3；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: discrepancy
--
-- SPEC §2 (names compared after trimming, full-width
-- folding and removing inner spaces and middle dots) and §5.3; work plan §三(四)9.
-- Once per (ID, source) where the department data names the ID differently from
-- every survey row of that ID. A blank department name proves nothing.
-- Each distinct (ID, name) of the department data is compared once, at the
-- position of its first row: a county's tens of millions of payment rows
-- name far fewer pairs. A plain anti-join drops the pairs that some survey row
-- of the ID names alike (nearly all); the join with person_home keeps the
-- surveyed IDs. (Written as EXISTS and NOT EXISTS, each ran as a join that
-- first collected every distinct ID: 3.3-4.1 s against 1.9-2.1 at 1.3M households.)
WITH dept AS (
    SELECT '一卡通' AS source, id, name, name_key,
           min(input_pos(file_ord, sheet_ord, src_row)) AS pos
    FROM card WHERE name_key <> '' GROUP BY id, name, name_key
    UNION ALL
    SELECT '医保', id, name, name_key,
           min(input_pos(file_ord, sheet_ord, src_row))
    FROM medical WHERE name_key <> '' GROUP BY id, name, name_key
), differing AS (
    SELECT d.* FROM dept d
    ANTI JOIN person p ON p.id = d.id AND p.name_key = d.name_key
    WHERE d.name_key <> ''
)
SELECT 'NAME_MISMATCH', '姓名与身份证号不一致',
       ph.township, ph.village, ph.hh_no, d.id, ph.name, d.source,
       ph.name, arg_min(d.name, d.pos), '',
       '排查表姓名为' || ph.name || '，' || d.source || '数据姓名为' || string_agg(DISTINCT d.name, '、' ORDER BY d.name)
FROM differing d JOIN person_home ph ON ph.id = d.id
GROUP BY d.id, d.source, ph.township, ph.village, ph.hh_no, ph.name
