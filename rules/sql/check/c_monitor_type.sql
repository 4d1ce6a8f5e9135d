-- code: C_MONITOR_TYPE
-- title: 监测对象类别与户类型不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: monitor_type hh_type
--
-- 脱贫不稳定户 are drawn from 脱贫户 and 边缘易致贫户 from 一般户: the other way
-- round one of the two fields is wrong.
SELECT 'C_MONITOR_TYPE', '疑点', hh_key, NULL, NULL, township, village,
       '监测对象类别为' || monitor_type || '，户类型为' || hh_type,
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE has_field(fields, 'hh_type')
  AND ((monitor_type = '脱贫不稳定户' AND hh_type = '一般户')
    OR (monitor_type = '边缘易致贫户' AND hh_type = '脱贫户'))
