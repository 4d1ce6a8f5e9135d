-- code: C_ASSIST_MISMATCH
-- title: 综合保障措施与低保特困残疾情况不符
-- basis: SPEC §5.4；工作方案 §三(四)7（排查监测对象帮扶措施落实情况）
-- stage: check
-- level: 疑点
-- needs: m_assist
--
-- A monitored household's 综合保障 measures against its members: 低保 or
-- 特困供养 listed without a member registered for it (where the column is
-- there), a member registered without the measure, 残疾人补贴 without a
-- disabled member. One row per mismatch.
SELECT 'C_ASSIST_MISMATCH', '疑点', h.hh_key, NULL, NULL, h.township, h.village,
       x.detail, h.file_ord, h.sheet_ord, h.src_row
FROM check_hh h
LEFT JOIN member_names('dibao') d ON d.hh_key = h.hh_key
LEFT JOIN member_names('tekun') t ON t.hh_key = h.hh_key,
     LATERAL (VALUES
        (h.dibao_col AND strpos(coalesce(h.m_assist, ''), '低保') > 0 AND NOT h.m_dibao,
         '综合保障含低保，无成员登记享受低保'),
        (h.m_dibao AND strpos(coalesce(h.m_assist, ''), '低保') = 0,
         d.names || '登记享受低保，综合保障未含低保'),
        (h.tekun_col AND (strpos(coalesce(h.m_assist, ''), '特困') > 0 OR strpos(coalesce(h.m_assist, ''), '供养') > 0)
           AND NOT h.m_tekun,
         '综合保障含特困供养，无成员登记享受特困供养'),
        (h.m_tekun AND strpos(coalesce(h.m_assist, ''), '特困') = 0 AND strpos(coalesce(h.m_assist, ''), '供养') = 0,
         t.names || '登记享受特困供养，综合保障未含特困供养'),
        ((h.health_col OR h.disability_col) AND strpos(coalesce(h.m_assist, ''), '残疾人补贴') > 0 AND NOT h.m_disabled,
         '综合保障含残疾人补贴，无成员残疾')
     ) AS x(hit, detail)
WHERE h.monitored AND has_field(h.fields, 'm_assist') AND x.hit
