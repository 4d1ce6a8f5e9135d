-- code: C_INCOME_UNIT
-- title: 收入数额疑似单位错误
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 提示
-- needs: wage|business|property|transfer
--
-- An income item above 0 but under checks.income_unit yuan for a whole year:
-- probably written in 万元 or 千元, not 元.
SELECT 'C_INCOME_UNIT', '提示', h.hh_key, NULL, NULL, h.township, h.village,
       concat_ws('、',
           CASE WHEN h.wage > 0 AND h.wage < p.income_unit THEN '工资性收入' || h.wage || '元' END,
           CASE WHEN h.business > 0 AND h.business < p.income_unit THEN '生产经营性收入' || h.business || '元' END,
           CASE WHEN h.property > 0 AND h.property < p.income_unit THEN '财产性收入' || h.property || '元' END,
           CASE WHEN h.transfer > 0 AND h.transfer < p.income_unit THEN '转移性收入' || h.transfer || '元' END)
         || '，低于' || p.income_unit || '元，请核实单位',
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h, params p
WHERE (h.wage > 0 AND h.wage < p.income_unit)
   OR (h.business > 0 AND h.business < p.income_unit)
   OR (h.property > 0 AND h.property < p.income_unit)
   OR (h.transfer > 0 AND h.transfer < p.income_unit)
