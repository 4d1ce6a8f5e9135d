-- code: C_SCALE_RISK
-- title: 疑似规模性返贫风险
-- basis: SPEC §5.4；工作方案 §三(四)8（排查规模性返贫风险隐患）
-- stage: check
-- level: 疑点
-- needs: 
--
-- Per village (乡镇, 村): among households with n > 0 (income recomputed),
-- those under the line or with INCOME_DROP are at least scale.share of them
-- and at least scale.min_households — a village-wide cause (灾害, a failed
-- industry) to look into. Compared multiplied out (SPEC §9).
WITH v AS (
    SELECT h.township, h.village,
           count(*) AS households,
           count(*) FILTER (WHERE h.net < h.threshold)                                  AS below,
           count(*) FILTER (WHERE h.pc_last_year IS NOT NULL
                              AND h.net < h.pc_last_year * (1 - p.drop_ratio) * h.n)    AS dropped,
           count(*) FILTER (WHERE h.net < h.threshold
                               OR (h.pc_last_year IS NOT NULL
                                   AND h.net < h.pc_last_year * (1 - p.drop_ratio) * h.n)) AS at_risk
    FROM check_hh h, params p
    WHERE h.n > 0 AND h.income_missing IS NOT TRUE
    GROUP BY h.township, h.village
)
SELECT 'C_SCALE_RISK', '疑点', NULL, NULL, NULL, v.township, v.village,
       '有效户' || v.households || '户，收入低于监测线或大幅缩减' || v.at_risk || '户（低于监测线'
         || v.below || '户，收入大幅缩减' || v.dropped || '户）',
       NULL, NULL, NULL
FROM v, params p
WHERE v.at_risk >= p.scale_share * v.households AND v.at_risk >= p.scale_min_households
