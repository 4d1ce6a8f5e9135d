-- code: C_ID_DUP_IN_HH
-- title: 户内身份证号重复
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: 
--
-- The same ID on two rows of one household (any status): once per ID,
-- pointing at its second row. The reader may keep the repeated rows in
-- person or leave them out and note each in survey_issue (SPEC §3.3: "its
-- later rows add nothing"); either way the first repeat in input order is
-- shown. Only the few repeated (household, ID) pairs are ranked; the rest of
-- the persons pass one hash aggregate.
WITH listed AS (
    SELECT hh_key, id, count(*) AS times
    FROM person
    GROUP BY hh_key, id
), noted AS (
    SELECT hh_key, id, file_ord, sheet_ord, src_row FROM survey_issue WHERE code = 'C_ID_DUP_IN_HH'
), repeats AS (
    SELECT p.hh_key, p.id, p.name, p.file_ord, p.sheet_ord, p.src_row,
           row_number() OVER (PARTITION BY p.hh_key, p.id ORDER BY input_pos(p.file_ord, p.sheet_ord, p.src_row)) > 1 AS repeat
    FROM person p SEMI JOIN listed l ON l.hh_key = p.hh_key AND l.id = p.id AND l.times > 1
    UNION ALL
    SELECT hh_key, id, NULL, file_ord, sheet_ord, src_row, true FROM noted
), first AS (
    SELECT hh_key, id,
           arg_min(file_ord, input_pos(file_ord, sheet_ord, src_row)) AS file_ord,
           arg_min(sheet_ord, input_pos(file_ord, sheet_ord, src_row)) AS sheet_ord,
           arg_min(src_row, input_pos(file_ord, sheet_ord, src_row)) AS src_row,
           count(*) AS repeats
    FROM repeats
    WHERE repeat
    GROUP BY hh_key, id
)
SELECT 'C_ID_DUP_IN_HH', '错误', f.hh_key, f.id, p.name, NULL, NULL,
       '同一身份证号在本户出现' || (f.repeats + 1) || '次，本行为重复行',
       f.file_ord, f.sheet_ord, f.src_row
FROM first f
LEFT JOIN (SELECT q.hh_key, q.id, arg_min(q.name, input_pos(q.file_ord, q.sheet_ord, q.src_row)) AS name
           FROM person q SEMI JOIN first r ON r.hh_key = q.hh_key AND r.id = q.id
           GROUP BY q.hh_key, q.id) p ON p.hh_key = f.hh_key AND p.id = f.id
