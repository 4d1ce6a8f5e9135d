-- 登记未参加居民养老保险而周期内一卡通发放养老金报疑点；周期外、已参保或其他项目不报
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey'), ('card');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'pension']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, pension)
    VALUES (0, 0, 4, 'A', '150521198001010111', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01', false);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, pension)
    VALUES (0, 0, 5, 'A', '150521198001010218', true, '钱某二', '钱某二', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01', false);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, pension)
    VALUES (0, 0, 6, 'A', '150521198001010314', true, '孙某三', '孙某三', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, pension)
    VALUES (0, 0, 7, 'A', '150521198001010410', true, '李某四', '李某四', '之子', '普通劳动力', '健康', NULL, '正常', '1980-01-01', false);
INSERT INTO card_labels VALUES (2, '城乡居民基础养老金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 2, '150521198001010111', true, 2, '153.00', '2022-06-01');
INSERT INTO card_labels VALUES (3, '城乡居民基础养老金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 3, '150521198001010111', true, 3, '153.00', '2022-07-01');
INSERT INTO card_labels VALUES (4, '城乡居民基础养老金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 4, '150521198001010218', true, 4, '153.00', '2022-04-30');
INSERT INTO card_labels VALUES (5, '城乡居民基础养老金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 5, '150521198001010314', true, 5, '153.00', '2022-06-01');
INSERT INTO card_labels VALUES (6, '农村低保金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 6, '150521198001010410', true, 6, '400.00', '2022-06-01');
