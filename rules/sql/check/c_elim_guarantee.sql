-- code: C_ELIM_GUARANTEE
-- title: 已消除风险户仍有三保障或饮水问题
-- basis: SPEC §5.4；工作方案 §三(四)6（排查已消除风险监测对象情况）
-- stage: check
-- level: 错误
-- needs: eliminated g_edu|g_med|g_house|g_water|after_house|after_water|after_edu|after_med
--
-- A household marked 风险已消除 with a guarantee 否, or a 风险消除后…
-- problem 是: elimination requires the guarantees to hold (work plan §二(六)5).
SELECT 'C_ELIM_GUARANTEE', '错误', hh_key, NULL, NULL, township, village,
       concat_ws('；',
           CASE WHEN false IN (g_edu, g_med, g_house, g_water) THEN
               concat_ws('、', CASE WHEN g_edu = false THEN '义务教育保障' END,
                              CASE WHEN g_med = false THEN '基本医疗保障' END,
                              CASE WHEN g_house = false THEN '住房安全保障' END,
                              CASE WHEN g_water = false THEN '饮水安全保障' END) || '为否' END,
           CASE WHEN after_house THEN '风险消除后住房损毁' END,
           CASE WHEN after_water THEN '风险消除后饮水设施损毁' END,
           CASE WHEN after_edu THEN '风险消除后有义务教育阶段适龄儿童少年失学辍学' END,
           CASE WHEN after_med THEN '风险消除后有家庭成员未参加基本医疗保险' END),
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE eliminated
  AND (false IN (g_edu, g_med, g_house, g_water) OR after_house OR after_water OR after_edu OR after_med)
