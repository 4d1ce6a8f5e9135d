-- 一户内同一身份证号出现三次报一次（指向第二行）；跨户重复的身份证号不属本检查
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 8, 'B', 'B', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 10, 'C', 'C', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 4, 'A', '150521198001010111', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 5, 'A', '150521198001010218', true, '钱某二', '钱某二', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 6, 'A', '150521198001010218', true, '孙某三', '孙某三', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 7, 'A', '150521198001010218', true, '李某四', '李某四', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 8, 'B', '150521198001010517', true, '周某五', '周某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 9, 'B', '150521198001010613', true, '吴某六', '吴某六', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 10, 'C', '15052119800101071X', true, '郑某七', '郑某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 11, 'C', '150521198001010613', true, '王某八', '王某八', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
