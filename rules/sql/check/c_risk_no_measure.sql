-- code: C_RISK_NO_MEASURE
-- title: 风险类型无对应帮扶措施
-- basis: SPEC §5.4；工作方案 §三(四)7（排查监测对象帮扶措施落实情况）
-- stage: check
-- level: 疑点
-- needs: risks m_health|m_social|m_assist|m_compulsory_edu|m_education|m_housing|m_relocation|m_water
--
-- A monitored household's risk without any of the measures that answer it:
-- one row per risk. A risk whose measure columns are all absent from the
-- sheet is not judged.
WITH hit AS (  -- the few households a risk applies to, before pairing each with the five
    SELECT * FROM check_hh WHERE monitored AND NOT blank(risks)
)
SELECT 'C_RISK_NO_MEASURE', '疑点', h.hh_key, NULL, NULL, h.township, h.village,
       '风险为' || r.risk || '，' || r.measures || '均为空',
       h.file_ord, h.sheet_ord, h.src_row
FROM hit h,
     LATERAL (VALUES
        ('因病', '健康帮扶、社会帮扶、综合保障', ['m_health', 'm_social', 'm_assist'],
         blank(h.m_health) AND blank(h.m_social) AND blank(h.m_assist)),
        ('因学', '义务教育保障、教育帮扶、社会帮扶', ['m_compulsory_edu', 'm_education', 'm_social'],
         blank(h.m_compulsory_edu) AND blank(h.m_education) AND blank(h.m_social)),
        ('因残', '综合保障、社会帮扶', ['m_assist', 'm_social'],
         blank(h.m_assist) AND blank(h.m_social)),
        ('因安全住房', '住房安全保障、搬迁', ['m_housing', 'm_relocation'],
         blank(h.m_housing) AND blank(h.m_relocation)),
        ('因安全饮水', '饮水安全保障', ['m_water'], blank(h.m_water))
     ) AS r(risk, measures, cols, none)
WHERE has_risk(h.risks, r.risk) AND r.none AND list_has_any(h.fields, r.cols)
