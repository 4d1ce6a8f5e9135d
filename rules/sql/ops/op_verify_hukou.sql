-- code: OP_VERIFY_HUKOU
-- title: 核实户籍变动
-- basis: SPEC §3.5、§6.2；工作方案 §三(三)5（人口自然增减）、§二(四)4（同步信息比对）
-- stage: ops
-- needs: input:police
--
-- A surveyed person whom only the police list as 死亡 or 迁出: the survey
-- still has them 正常 (or an unreadable status). A lead to verify, not an
-- action: the clerk changes nothing until the village confirms it. Police
-- rows count when dated on or before as_of, or undated (SPEC §9); several
-- rows of one person give the earliest change.
SELECT 'OP_VERIFY_HUKOU', h.township, h.village, h.hh_key, s.id, s.name,
       '公安户籍变动',
       '公安登记' || arg_min(c.change, coalesce(c.change_date, DATE '9999-12-31'))
         || coalesce(' ' || strftime(min(c.change_date), '%Y-%m-%d'), '')
         || '，排查表人员状态' || coalesce(s.status, '正常') || '；核实后办理'
FROM person s
JOIN household h ON h.hh_key = s.hh_key
JOIN police c ON c.id = s.id
CROSS JOIN params pr
WHERE s.status IS DISTINCT FROM '死亡' AND s.status IS DISTINCT FROM '迁出'
  AND c.change IN ('死亡', '迁出')
  AND (c.change_date IS NULL OR c.change_date <= pr.as_of)
GROUP BY h.township, h.village, h.hh_key, s.id, s.name, s.status
