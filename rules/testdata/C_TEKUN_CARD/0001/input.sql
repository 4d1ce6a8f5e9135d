-- 登记享受特困供养而全户无特困供养发放、或有发放而无人登记享受报疑点
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey'), ('card');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'tekun']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 5, 'B', 'B', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 6, 'C', 'C', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, tekun)
    VALUES (0, 0, 4, 'A', '150521198001010111', true, '赵某一', '赵某一', '户主', '丧失劳动力', '健康', NULL, '正常', '1980-01-01', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, tekun)
    VALUES (0, 0, 5, 'B', '150521198001010218', true, '钱某二', '钱某二', '户主', '丧失劳动力', '健康', NULL, '正常', '1980-01-01', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 6, 'C', '150521198001010314', true, '孙某三', '孙某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO card_labels VALUES (2, '特困人员基本生活供养金', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 2, '150521198001010218', true, 2, '600.00', '2022-08-01');
INSERT INTO card_labels VALUES (3, '分散供养特困人员生活费', '甲镇', '一村', '已发放');
INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, id_valid, label, amount, pay_date) VALUES (1, 0, 3, '150521198001010314', true, 3, '600.00', '2022-08-01');
