-- code: C_NOSCHOOL_HEALTH
-- title: 未上学原因与健康状况不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: noschool health
--
-- 未上学原因 says illness or disability but 健康状况 says 健康.
SELECT 'C_NOSCHOOL_HEALTH', '疑点', hh_key, id, name, NULL, NULL,
       '未上学原因为' || noschool || '，健康状况为健康',
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND health = '健康'
  AND (strpos(noschool, '因病') > 0 OR strpos(noschool, '因残') > 0)
