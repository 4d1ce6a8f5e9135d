-- 登记享受低保而全户无低保发放、或有低保发放而无人登记享受报疑点；发给户内他人也算有发放；一卡通数据未覆盖的村不报无发放
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey'), ('card');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'dibao']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 6, 'B', 'B', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 8, 'C', 'C', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 10, 'D', 'D', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 11, 'E', 'E', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 13, 'F', 'F', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, dibao)
    VALUES (0, 0, 4, 'A', '150521198001010111', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 5, 'A', '150521198001010218', true, '钱某二', '钱某二', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, dibao)
    VALUES (0, 0, 6, 'B', '150521198001010314', true, '孙某三', '孙某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 7, 'B', '150521198001010429', true, '李某四', '李某四', '配偶', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 8, 'C', '150521198001010517', true, '周某五', '周某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 9, 'C', '150521198001010613', true, '吴某六', '吴某六', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, dibao)
    VALUES (0, 0, 10, 'D', '15052119800101071X', true, '郑某七', '郑某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01', false);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 11, 'E', '150521198001010816', true, '王某八', '王某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, dibao)
    VALUES (0, 0, 12, 'E', '150521198001010912', true, '冯某九', '冯某九', '之子', '普通劳动力', '健康', NULL, '死亡', '1980-01-01', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, dibao)
    VALUES (0, 0, 13, 'F', '150521198001011018', true, '陈某十', '陈某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01', true);
INSERT INTO card_labels VALUES (2, '农村低保金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 2, '150521198001010429', true, 2, '350.00', '2022-08-01');
INSERT INTO card_labels VALUES (3, '最低生活保障金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 3, '150521198001010613', true, 3, '350.00', '2022-08-01');
INSERT INTO card_labels VALUES (4, '最低生活保障金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 4, '150521198001010613', true, 4, '350.00', '2022-09-01');
INSERT INTO card_labels VALUES (5, '养老金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 5, '15052119800101071X', true, 5, '150.00', '2022-08-01');
INSERT INTO card_labels VALUES (6, '农村低保金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 6, '150521198001010816', true, 6, '350.00', '2022-04-01');
