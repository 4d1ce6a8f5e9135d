-- 16至59周岁健康、不在校而登记无劳动力报疑点；在校、恰满60周岁、患病者不报；恰满16周岁报
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'school']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 4, 'A', '150521198001010111', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 5, 'A', '150521199301010214', true, '钱某二', '钱某二', '之子', '无劳动力', '健康', NULL, '正常', '1993-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 6, 'A', '150521200301010316', true, '孙某三', '孙某三', '之子', '丧失劳动力', '健康', NULL, '正常', '2003-01-01', '本科二年级');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 7, 'A', '150521196305150413', true, '李某四', '李某四', '之子', '无劳动力', '健康', NULL, '正常', '1963-05-15');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 8, 'A', '150521196305160515', true, '周某五', '周某五', '之子', '无劳动力', '健康', NULL, '正常', '1963-05-16');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 9, 'A', '150521200705150614', true, '吴某六', '吴某六', '之子', '无劳动力', '健康', NULL, '正常', '2007-05-15');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 10, 'A', '150521199001010714', true, '郑某七', '郑某七', '之子', '丧失劳动力', '长期慢性病', NULL, '正常', '1990-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 11, 'A', '15052119940101081X', true, '王某八', '王某八', '之子', '无劳动力', '健康', NULL, '正常', '1994-01-01', '非在校生');
