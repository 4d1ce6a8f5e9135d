-- code: CANDIDATES
-- title: 新识别监测对象候选
-- basis: SPEC §5.1；工作方案 §二(二)（监测对象类型）、§三(四)2（人均纯收入低于7500元）
-- stage: candidates
--
-- New monitoring candidates (新识别监测对象候选).
-- SPEC §5.1; work plan §二(二) (监测对象类型) and §三(四)2 (收入 below 7500元).
--
-- Households not monitored today, with n > 0 (SPEC §4: n = 0 is not classified):
--   gross < line × n, 户类型 脱贫户            → 脱贫不稳定户
--   gross < line × n, 户类型 一般户            → 边缘易致贫户
--   gross ≥ line × n and net < line × n        → 突发严重困难户 (rigid medical cost pushes it under)
-- A household whose risk was eliminated is judged by its 户类型 like any other
-- (work plan §三(四)6). One left open by the SPEC: a 户类型 监测户 household whose
-- risk is marked eliminated and whose gross is under the line is none of the
-- first two types; it is listed only when the third row applies.
--
-- 风险因素, each that applies (a member means a person in M):
--   因病         a member 患有大病 or 长期慢性病, or med > 0
--   因残         a member 残疾 (健康状况) or with a 残疾等级
--   缺劳力       no member 普通劳动力 or 技能劳动力
--   三保障或饮水 any of the four guarantees 否
--   收入骤减     as INCOME_DROP (SPEC §5.3)
--   大额医疗     as HIGH_MEDICAL (SPEC §5.3)

CREATE OR REPLACE TABLE candidates AS
WITH typed AS (
    SELECT h.*,
           CASE
               WHEN h.gross < h.threshold AND h.hh_type = '脱贫户' THEN '脱贫不稳定户'
               WHEN h.gross < h.threshold AND h.hh_type = '一般户' THEN '边缘易致贫户'
               WHEN h.gross >= h.threshold AND h.net < h.threshold THEN '突发严重困难户'
           END AS candidate_type
    FROM hh_income h
    WHERE NOT h.monitored AND h.n > 0
)
SELECT t.*,
       concat_ws('、',
           CASE WHEN coalesce(m.has_illness, false) OR t.med > 0 THEN '因病' END,
           CASE WHEN coalesce(m.has_disability, false) THEN '因残' END,
           CASE WHEN NOT coalesce(m.has_labor, false) THEN '缺劳力' END,
           CASE WHEN false IN (t.g_edu, t.g_med, t.g_house, t.g_water) THEN '三保障或饮水' END,
           CASE WHEN t.pc_last_year IS NOT NULL
                     AND t.net < t.pc_last_year * (1 - p.drop_ratio) * t.n THEN '收入骤减' END,
           CASE WHEN t.med >= p.medical_alert THEN '大额医疗' END
       ) AS risk_factors
FROM typed t
CROSS JOIN params p
LEFT JOIN hh_members m ON m.hh_key = t.hh_key
WHERE t.candidate_type IS NOT NULL;

CREATE OR REPLACE VIEW out_candidates AS
SELECT township           AS "乡镇",
       village            AS "村",
       hh_key AS "户编号",
       coalesce(head_name, '') AS "户主姓名",
       coalesce(head_id, '')   AS "户主身份证号",
       hh_type            AS "户类型",
       candidate_type     AS "候选类型",
       n::VARCHAR         AS "家庭人口数",
       pure::VARCHAR      AS "纯收入",
       claims::VARCHAR    AS "理赔收入",
       selfpay_v::VARCHAR AS "合规自付支出",
       pc::VARCHAR AS "人均纯收入",
       coalesce(pc_declared::VARCHAR, '') AS "申报人均纯收入",
       card::VARCHAR      AS "一卡通转移性收入",
       risk_factors       AS "风险因素",
       -- SPEC §5.5: the asset findings of the department lists (§3.5), joined
       -- with 、; empty until those lists are read.
       ''::VARCHAR        AS "核对疑点"
FROM candidates
ORDER BY township, village, hh_key;
