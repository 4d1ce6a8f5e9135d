-- The township's paper work (SPEC §6.1, §9), over the output views.

-- out_notices: what the village notices post (work plan §二(四)2, §二(六)2:
-- 嘎查村评议公示), for write.Notices: 乡镇, 村, the notice (0 新识别监测对象,
-- 1 风险消除; '' a row that only names a surveyed village, so that a village
-- with nothing to post gets its notice saying so), 户主姓名, 户主身份证号 (the
-- writer masks it), 家庭人口数, 类型. No money, no 风险因素, no 核对疑点, no
-- 户编号 (it only sorts). A candidate with a 核对疑点 stays off until the
-- finding is verified; it stays in the township's lists.
CREATE OR REPLACE VIEW out_notices AS
SELECT township, village, notice, head_name, head_id, n, kind FROM (
    SELECT "乡镇" AS township, "村" AS village, '0' AS notice, "户主姓名" AS head_name,
           "户主身份证号" AS head_id, "家庭人口数" AS n, "候选类型" AS kind, "户编号" AS hh
    FROM out_candidates
    WHERE "核对疑点" = ''
    UNION ALL
    SELECT e."乡镇", e."村", '1', e."户主姓名", e."户主身份证号", coalesce(h.n::VARCHAR, ''),
           e."监测对象类型", e."户编号"
    FROM out_elimination e LEFT JOIN hh_income h ON h.hh_key = e."户编号"
    WHERE e."建议" = '风险消除'
    UNION ALL
    SELECT DISTINCT township, village, '', '', '', '', '', '' FROM hh_income
)
WHERE coalesce(township, '') <> '' AND coalesce(village, '') <> ''
ORDER BY township, village, notice, hh, head_id;

-- out_ledger: the 问题整改台账 of each township workbook (work plan §三(三)6):
-- every 疑点 and, where the data checks ran, every check of level 错误 or
-- 疑点, with four columns left blank for the township to fill in. The
-- writer numbers the rows (序号) and keeps 乡镇 off the sheet.
CREATE OR REPLACE VIEW out_ledger AS
SELECT "乡镇", "村", "户编号", "户主姓名", "姓名", "问题来源", "问题", "说明",
       '' AS "整改措施", '' AS "责任人", '' AS "整改时限", '' AS "整改情况"
FROM (
    SELECT d."乡镇", d."村", d."户编号", coalesce(h.head_name, '') AS "户主姓名", d."姓名",
           '疑点' AS "问题来源", d."疑点类型" AS "问题",
           concat_ws('；', nullif(d."说明", ''),
               CASE WHEN d."申报值" <> '' OR d."比对值" <> ''
                    THEN '申报值 ' || d."申报值" || '，比对值 ' || d."比对值" END) AS "说明",
           d."疑点编码" AS code, d."身份证号" AS id, d."来源" AS src
    FROM out_discrepancies d LEFT JOIN hh_income h ON h.hh_key = d."户编号"
    /*CHECKS*/
)
ORDER BY "乡镇", "村", "户编号", "问题来源", code, id, src, "说明";
