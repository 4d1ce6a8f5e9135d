-- code: ID_INVALID
-- title: 身份证号码校验错误
-- basis: SPEC §2（校验码、出生日期）、§5.3；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: discrepancy
--
-- SPEC §2 (GB 11643 check character, birth date) and §5.3;
-- work plan §三(四)9 (核实核准监测对象数据信息).
-- Once per distinct (source, ID) among loaded rows whose ID fails the check.
-- Such IDs are still kept and joined by their exact text.
WITH bad AS (
    SELECT '排查表' AS source, p.id, p.name, h.township, h.village, h.hh_key,
           p.file_ord, p.sheet_ord, p.src_row
    FROM person p JOIN household h ON h.hh_key = p.hh_key WHERE NOT p.id_valid
    UNION ALL
    SELECT '一卡通', id, name, township, village, '' AS hh_key, file_ord, sheet_ord, src_row
    FROM card WHERE NOT id_valid
    UNION ALL
    SELECT '医保', id, name, '', '', '', file_ord, sheet_ord, src_row
    FROM medical WHERE NOT id_valid
), located AS (
    SELECT b.*, (b.file_ord, b.sheet_ord, b.src_row) AS pos, s.src_file, s.src_sheet
    FROM bad b LEFT JOIN source s ON s.file_ord = b.file_ord AND s.sheet_ord = b.sheet_ord
)
SELECT 'ID_INVALID', '身份证号码校验错误',
       arg_min(township, pos), arg_min(village, pos), arg_min(hh_key, pos),
       id, arg_min(name, pos), source, '', '', '',
       '校验码或出生日期不正确，请核对证件；首见于 ' || arg_min(src_file, pos)
         || CASE WHEN arg_min(src_sheet, pos) <> '' THEN ' [' || arg_min(src_sheet, pos) || ']' ELSE '' END
         || ' 第' || arg_min(src_row, pos) || '行'
FROM located
GROUP BY source, id
