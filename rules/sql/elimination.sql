-- code: ELIMINATION
-- title: 风险消除建议
-- basis: SPEC §5.2；工作方案 §二(六)（风险消除）第5点（分类标注）
-- stage: elimination
--
-- Risk elimination recommendation (风险消除).
-- SPEC §5.2; work plan §二(六) and its point 5 (分类标注: 收入持续稳定、“两不愁三保障”及
-- 饮水安全持续巩固，且监测时间超过6个月 → 风险消除; 没有劳动能力或弱劳动能力的重度残疾人、
-- 老年人、重病慢性病患者等监测户 → 暂不消除风险，持续跟踪监测).
--
-- For every monitored household with n > 0. 建议 is 风险消除 only when all hold;
-- otherwise 暂不消除, with every failing reason:
--   net ≥ line × n                                  else 收入未稳定超过监测范围
--   all four guarantees 是                          else 三保障或饮水未巩固
--       (a blank guarantee is not 是: it cannot be confirmed as 巩固)
--   as_of after monitor_since + elimination.months  else 监测不满6个月
--       (calendar months, month-end clamped, as DuckDB's date + INTERVAL n MONTH;
--        a blank 纳入监测时间 cannot prove the months, so it fails too)
--   not a 兜底 household                            else 无劳动能力兜底户，持续跟踪监测
--       兜底: 整户无劳动能力兜底保障户 是; or no member in M is 普通/技能劳动力 and some
--       member in M is 残疾 一级/二级, or at least elimination.old_age at as_of, or
--       患有大病/长期慢性病.

-- One boolean per condition, TRUE when it fails (rules.ElimReasons), so that
-- `paicha explain` reads the verdict rather than the phrases; the phrases
-- and the 建议 come from verdict_text (rules/verdict.go).
CREATE OR REPLACE TABLE elimination AS
WITH judged AS (
    SELECT h.*,
           h.net < h.threshold AS fails_income,
           NOT (coalesce(h.g_edu, false) AND coalesce(h.g_med, false)
                AND coalesce(h.g_house, false) AND coalesce(h.g_water, false)) AS fails_guarantee,
           (h.monitor_since IS NULL
            OR NOT (p.as_of > CAST(h.monitor_since + to_months(p.elim_months) AS DATE))) AS fails_months,
           (coalesce(h.fallback, false)
            OR (NOT coalesce(m.has_labor, false)
                AND (coalesce(m.has_severe_disability, false)
                     OR coalesce(m.has_elderly, false)
                     OR coalesce(m.has_illness, false)))) AS fails_fallback
    FROM hh_income h
    CROSS JOIN params p
    LEFT JOIN hh_members m ON m.hh_key = h.hh_key
    WHERE h.monitored AND h.n > 0
)
SELECT j.*,
       concat_ws('；',
           CASE WHEN j.fails_income    THEN v.fails_income END,
           CASE WHEN j.fails_guarantee THEN v.fails_guarantee END,
           CASE WHEN j.fails_months    THEN v.fails_months END,
           CASE WHEN j.fails_fallback  THEN v.fails_fallback END) AS reasons,
       CASE WHEN j.fails_income OR j.fails_guarantee OR j.fails_months OR j.fails_fallback
            THEN v.keep ELSE v.eliminate END AS advice
FROM judged j CROSS JOIN verdict_text v;

CREATE OR REPLACE VIEW out_elimination AS
SELECT township                 AS "乡镇",
       village                  AS "村",
       hh_key                   AS "户编号",
       coalesce(head_name, '')  AS "户主姓名",
       coalesce(head_id, '')    AS "户主身份证号",
       CASE WHEN monitor_type <> '' THEN monitor_type ELSE hh_type END AS "监测对象类型",
       coalesce(monitor_since::VARCHAR, '') AS "纳入监测时间",
       pc::VARCHAR AS "人均纯收入",
       advice                   AS "建议",
       reasons                  AS "原因",
       ''::VARCHAR              AS "核对疑点"  -- SPEC §5.5, as in out_candidates
FROM elimination
ORDER BY township, village, hh_key;
