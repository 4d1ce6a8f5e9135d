-- code: SIZE_MISMATCH
-- title: 家庭人口数不符
-- basis: SPEC §4（家庭人口数只计人员状态正常的成员）、§5.3；工作方案 §三(四)2（家庭人口数）
-- stage: discrepancy
--
-- SPEC §4 (n counts members whose status is 正常; dead and
-- moved-out persons leave n) and §5.3; work plan §三(四)2 (家庭人口数).
-- Declared 家庭人口数 present and different from n; and every household with
-- n = 0, which is reported here and not classified by any other household rule.
SELECT 'SIZE_MISMATCH', '家庭人口数不符',
       township, village, hh_key, head_id, head_name, '排查表',
       coalesce(size_declared::VARCHAR, ''), n::VARCHAR,
       CASE WHEN size_declared IS NOT NULL THEN (n - size_declared)::VARCHAR ELSE '' END,
       CASE WHEN n = 0 THEN '无状态正常的家庭成员，未参与收入测算和分类'
            ELSE '申报家庭人口数 ' || size_declared || '，状态正常的成员 ' || n || ' 人' END
FROM hh_income
WHERE (n = 0 OR (size_declared IS NOT NULL AND size_declared <> n))
  AND NOT coalesce(income_missing, false) -- not classified for another reason: C_INCOME_MISSING (§3.3.1)
