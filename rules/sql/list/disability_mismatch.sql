-- code: DISABILITY_MISMATCH
-- title: 健康状况与残联持证信息不一致
-- basis: SPEC §5.5；工作方案 §三(四)9（核实核准监测对象数据信息）、§二(四)4（同步信息比对）
-- stage: list
-- needs: input:disability
--
-- A member (M) on the 残联 list (issued on or before as_of) whose 健康状况 is
-- not 残疾, or a member with 健康状况 残疾 who is on no row of it; once per ID
-- (the first household listing the member).
WITH listed AS (
    SELECT id, min(grade) AS grade FROM disability_counted GROUP BY id
), judged AS (
    SELECT m.id, arg_min(m.hh_key, input_pos(m.file_ord, m.sheet_ord, m.src_row)) AS hh_key,
           arg_min(m.name, input_pos(m.file_ord, m.sheet_ord, m.src_row)) AS name,
           arg_min(coalesce(m.health, ''), input_pos(m.file_ord, m.sheet_ord, m.src_row)) AS health,
           any_value(l.id IS NOT NULL) AS on_list, any_value(l.grade) AS grade
    FROM list_member m LEFT JOIN listed l ON l.id = m.id
    GROUP BY m.id
)
SELECT 'DISABILITY_MISMATCH', '健康状况与残联持证信息不一致',
       h.township, h.village, j.hh_key, j.id, j.name, '残联',
       j.health, CASE WHEN j.on_list THEN '持证残疾人' || coalesce('（' || ['一','二','三','四'][j.grade] || '级）', '')
                      ELSE '无持证记录' END, '',
       CASE WHEN j.on_list THEN '残联持证名单有此人，排查表健康状况未填残疾'
            ELSE '排查表健康状况为残疾，残联持证名单无此人' END
FROM judged j JOIN household h ON h.hh_key = j.hh_key
WHERE j.on_list <> (j.health = '残疾')
