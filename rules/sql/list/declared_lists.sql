-- code: DECLARED_LISTS
-- title: 配置文件声明的部门名单
-- basis: SPEC §3.5（配置文件中的名单）、§5.5；工作方案 §四(二)（部门数据共享）、§三(四)（综合研判）
-- stage: list
--
-- Every [[lists]] block of use asset or discrepancy, one rule for all: the
-- blocks are data (list_decl, filled from the config by rules.Run), their
-- matching rows list_hit (income.sql). One finding per (code, household),
-- 疑点编码 the block's code, 疑点类型 its label, 来源 its source; 说明 names
-- the members. Its own code only stands for the blocks in the registry:
-- summary.json counts each declared code.
SELECT d.code, d.label,
       h.township, h.village, h.hh_key, h.head_id, h.head_name, d.source,
       '', '', '',
       '名单中的家庭成员：' || string_agg(DISTINCT x.name, '、' ORDER BY x.name)
FROM (SELECT DISTINCT code, hh_key, name, person_pos FROM list_hit WHERE use IN ('asset', 'discrepancy')) x
JOIN list_decl d ON d.code = x.code
JOIN hh_income h ON h.hh_key = x.hh_key
GROUP BY d.code, d.label, d.source, h.township, h.village, h.hh_key, h.head_id, h.head_name
