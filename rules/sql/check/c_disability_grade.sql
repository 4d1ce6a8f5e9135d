-- code: C_DISABILITY_GRADE
-- title: 健康状况与残疾等级不一致
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: health disability
--
-- 健康状况 残疾 without a grade, or a grade (残疾等级 column or 残疾人证号) with
-- another 健康状况. Needs both a health and a grade column on the person's sheet.
SELECT 'C_DISABILITY_GRADE', '疑点', hh_key, id, name, NULL, NULL,
       CASE WHEN health = '残疾' THEN '健康状况为残疾，无残疾等级'
            ELSE '残疾等级为' || ['一', '二', '三', '四'][disability] || '级，健康状况为'
                 || CASE WHEN blank(health) THEN '空' ELSE health END END,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND health_col AND disability_col
  AND ((health = '残疾' AND coalesce(disability, 0) NOT BETWEEN 1 AND 4)
    OR (disability BETWEEN 1 AND 4 AND health IS DISTINCT FROM '残疾'))
