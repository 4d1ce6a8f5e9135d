-- code: C_ELIM_FALLBACK
-- title: 兜底户已标注风险消除
-- basis: SPEC §5.4、§5.2；工作方案 §二(六)5（落实兜底保障，持续跟踪监测）、§三(四)6
-- stage: check
-- level: 疑点
-- needs: eliminated fallback|labor
--
-- A household marked 风险已消除 that meets §5.2's 兜底 test (hh_members, as
-- the elimination rule reads it): such households stay monitored.
SELECT 'C_ELIM_FALLBACK', '疑点', h.hh_key, NULL, NULL, h.township, h.village,
       CASE WHEN h.fallback THEN '整户无劳动能力兜底保障户为是'
            ELSE '无普通或技能劳动力成员，有' || concat_ws('、',
                CASE WHEN m.has_severe_disability THEN '一级或二级残疾成员' END,
                CASE WHEN m.has_elderly THEN p.old_age || '周岁以上成员' END,
                CASE WHEN m.has_illness THEN '大病或慢性病成员' END) END
         || '，应落实兜底保障、持续跟踪监测',
       h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h
CROSS JOIN params p
LEFT JOIN hh_members m ON m.hh_key = h.hh_key
WHERE h.eliminated
  AND (h.fallback
    OR (h.labor_col AND NOT coalesce(m.has_labor, false)
        AND (m.has_severe_disability OR m.has_elderly OR m.has_illness)))
