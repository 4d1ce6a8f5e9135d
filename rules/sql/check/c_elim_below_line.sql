-- code: C_ELIM_BELOW_LINE
-- title: 已消除风险户收入低于监测线
-- basis: SPEC §5.4；工作方案 §三(四)6（排查已消除风险监测对象情况）
-- stage: check
-- level: 疑点
-- needs: eliminated
--
-- A household marked 风险已消除 whose recomputed net is under the line
-- (net < line × n, exact): a 返贫 case to identify again (SPEC §9: 疑点, not
-- 错误). Households whose income could not be recomputed are not judged.
SELECT 'C_ELIM_BELOW_LINE', '疑点', hh_key, NULL, NULL, township, village,
       '收入低于监测线，按返贫风险重新识别',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE eliminated AND n > 0 AND income_missing IS NOT TRUE AND net < threshold
