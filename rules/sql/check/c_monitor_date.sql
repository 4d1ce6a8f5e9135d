-- code: C_MONITOR_DATE
-- title: 识别监测时间缺失或有误
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: monitor_since
--
-- A monitored household whose 识别监测时间 is blank or after as_of: neither
-- the 6 months before elimination nor the 1 month before measures can be
-- counted from it.
SELECT 'C_MONITOR_DATE', '错误', h.hh_key, NULL, NULL, h.township, h.village,
       CASE WHEN h.monitor_since IS NULL THEN '识别监测时间为空'
            ELSE '识别监测时间' || strftime(h.monitor_since, '%Y-%m-%d') || '晚于排查日期' || strftime(p.as_of, '%Y-%m-%d') END,
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h, params p
WHERE h.monitored AND has_field(h.fields, 'monitor_since')
  AND (h.monitor_since IS NULL OR h.monitor_since > p.as_of)
