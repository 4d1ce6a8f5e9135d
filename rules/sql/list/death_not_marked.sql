-- code: DEATH_NOT_MARKED
-- title: 公安已注销死亡但排查表仍在册
-- basis: SPEC §5.5；工作方案 §三(三)5（人口自然增减）、§二(四)4（同步信息比对）
-- stage: list
-- needs: input:police
--
-- A surveyed person with status 正常 whom the police list as 死亡 (a row
-- dated on or before as_of); once per ID, in the first household listing the
-- person as 正常. Any household, n = 0 included: the finding is about the
-- register, not the household's verdict (SPEC §9 §5.5 persons).
SELECT 'DEATH_NOT_MARKED', '公安已注销死亡但排查表仍在册',
       h.township, h.village, h.hh_key, p.id, p.name, '公安',
       '正常', '死亡', '',
       '公安户籍注销：死亡' || coalesce('，日期 ' || x.change_date, '')
FROM (SELECT id, min(change_date) AS change_date FROM police_counted WHERE change = '死亡' GROUP BY id) x
JOIN (SELECT id, arg_min(hh_key, input_pos(file_ord, sheet_ord, src_row)) AS hh_key,
             arg_min(name, input_pos(file_ord, sheet_ord, src_row)) AS name
      FROM person
      WHERE status = '正常' AND id IN (SELECT id FROM police_counted WHERE change = '死亡')
      GROUP BY id) p ON p.id = x.id
JOIN household h ON h.hh_key = p.hh_key
