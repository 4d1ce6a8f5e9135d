-- code: DUPLICATE_RECORD
-- title: 重复记录
-- basis: SPEC §3.1、§3.2（同一流水号只计一次）、§5.3
-- stage: discrepancy
--
-- SPEC §3.1, §3.2 (a serial repeated anywhere in the card or the
-- medical data counts once: the first row is loaded, each later one skipped) and §5.3.
-- One row per skipped repeat, shown under the household of its ID where surveyed.
SELECT 'DUPLICATE_RECORD', '重复记录',
       coalesce(ph.township, d.township), coalesce(ph.village, d.village), coalesce(ph.hh_no, ''),
       d.id, d.name, d.source, '', d.amount::VARCHAR, '',
       '流水号 ' || d.serial || ' 重复：' || d.src_file
         || CASE WHEN d.src_sheet <> '' THEN ' [' || d.src_sheet || ']' ELSE '' END
         || ' 第' || d.src_row || '行与 ' || d.first_file
         || CASE WHEN d.first_sheet <> '' THEN ' [' || d.first_sheet || ']' ELSE '' END
         || ' 第' || d.first_row || '行相同，只计一次'
FROM (
    SELECT '一卡通' AS source, id, name, township, village, serial, amount,
           src_file, src_sheet, src_row, first_file, first_sheet, first_row FROM card_duplicate
    UNION ALL
    SELECT '医保', id, name, '', '', serial, selfpay,
           src_file, src_sheet, src_row, first_file, first_sheet, first_row FROM medical_duplicate
) d
LEFT JOIN person_home ph ON ph.id = d.id
