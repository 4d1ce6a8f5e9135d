-- code: MOVED_NOT_MARKED
-- title: 户籍已迁出仍计入家庭人口
-- basis: SPEC §5.5；工作方案 §三(三)5（人口自然增减、家庭人口数）、§二(四)4（同步信息比对）
-- stage: list
-- needs: input:police
--
-- A surveyed person with status 正常 whom the police list as 迁出 (a row
-- dated on or before as_of); once per ID, in the first household listing the
-- person as 正常. Any household, n = 0 included: the finding is about the
-- register, not the household's verdict (SPEC §9 §5.5 persons).
SELECT 'MOVED_NOT_MARKED', '户籍已迁出仍计入家庭人口',
       h.township, h.village, h.hh_key, p.id, p.name, '公安',
       '正常', '迁出', '',
       '公安户籍迁出' || coalesce('，日期 ' || x.change_date, '') || coalesce('，迁往 ' || x.destination, '')
FROM (SELECT id, min(change_date) AS change_date,
             arg_min(nullif(destination, ''), coalesce(change_date, DATE '9999-12-31')) AS destination
      FROM police_counted WHERE change = '迁出' GROUP BY id) x
JOIN (SELECT id, arg_min(hh_key, input_pos(file_ord, sheet_ord, src_row)) AS hh_key,
             arg_min(name, input_pos(file_ord, sheet_ord, src_row)) AS name
      FROM person
      WHERE status = '正常' AND id IN (SELECT id FROM police_counted WHERE change = '迁出')
      GROUP BY id) p ON p.id = x.id
JOIN household h ON h.hh_key = p.hh_key
