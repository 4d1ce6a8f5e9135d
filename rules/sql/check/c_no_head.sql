-- code: C_NO_HEAD
-- title: 无户主
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: relation
--
-- n > 0 and no person of M is 户主: the national system needs one head per
-- household. Silent where no person sheet of the household has 与户主关系.
SELECT 'C_NO_HEAD', '错误', hh_key, NULL, NULL, township, village,
       '家庭成员' || n || '人，无人登记为户主',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE n > 0 AND m_heads = 0 AND relation_col
