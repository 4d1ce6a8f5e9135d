-- code: C_ID_DUP_IN_HH
-- title: 户内身份证号重复
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: 
--
-- The same ID on two rows of one household (any status): once per ID,
-- pointing at its second row. Only the few repeated (household, ID) pairs
-- are ranked; the rest of the persons pass one hash aggregate.
WITH repeated AS (
    SELECT hh_key, id, count(*) AS times
    FROM check_person
    GROUP BY hh_key, id
    HAVING count(*) > 1
), ranked AS (
    SELECT p.*, r.times, row_number() OVER (PARTITION BY p.hh_key, p.id ORDER BY p.pos) AS nth
    FROM check_person p JOIN repeated r ON r.hh_key = p.hh_key AND r.id = p.id
)
SELECT 'C_ID_DUP_IN_HH', '错误', hh_key, id, name, NULL, NULL,
       '同一身份证号在本户出现' || times || '次，本行为重复行',
       file_ord, sheet_ord, src_row
FROM ranked
WHERE nth = 2
