-- code: LIST_NOT_SURVEYED
-- title: 部门名单人员未排查
-- basis: SPEC §5.5；工作方案 §三(二)（走访排查所有常住农牧户，应纳尽纳）、§二(三)（部门筛查预警）
-- stage: list
-- needs: input:aid|input:disability|input:school
--
-- A person on an aid row that counts, a 残联 row that counts, or a dropout
-- row, whose row names a village the survey covers (its township too, where
-- the row gives one), and who is in no survey household. Once per (来源, ID),
-- from the first such row; 说明 names the file. Rows without a village, and
-- 城市低保, 城市特困 and 集中供养 rows, are not reported: those people are not
-- the village's to survey.
WITH listed AS (
    SELECT '民政' AS dept, id, name, township, village, file_ord, sheet_ord, src_row,
           '民政' || category || '名册' AS what
    FROM aid_counted
    WHERE NOT (category_raw LIKE '%城市%' OR category_raw LIKE '%集中供养%')
    UNION ALL
    SELECT '残联', id, name, township, village, file_ord, sheet_ord, src_row, '残联持证残疾人名单'
    FROM disability_counted
    UNION ALL
    SELECT '教育', id, name, township, village, file_ord, sheet_ord, src_row, '教育部门辍学名单'
    FROM school WHERE dropout AND id_valid
), placed AS (
    SELECT l.*, v.township AS v_township, v.village AS v_village
    FROM listed l
    JOIN surveyed_village v ON v.village = l.village
                          AND (coalesce(l.township, '') = '' OR v.township = l.township)
    WHERE coalesce(l.village, '') <> ''
      AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = l.id)
), first_row AS (
    SELECT dept, id, arg_min(p, input_pos(file_ord, sheet_ord, src_row)) AS r
    FROM (SELECT *, struct_pack(name, v_township, v_village, what, file_ord, sheet_ord, src_row) AS p FROM placed)
    GROUP BY dept, id
)
SELECT 'LIST_NOT_SURVEYED', '部门名单人员未排查',
       f.r.v_township, f.r.v_village, '', f.id, coalesce(f.r.name, ''), f.dept,
       '', f.r.what, '',
       f.r.what || '有此人，排查表无此人（' || s.src_file
         || CASE WHEN coalesce(s.src_sheet, '') <> '' THEN ' [' || s.src_sheet || ']' ELSE '' END
         || ' 第' || f.r.src_row || '行）'
FROM first_row f
LEFT JOIN source s ON s.file_ord = f.r.file_ord AND s.sheet_ord = f.r.sheet_ord
