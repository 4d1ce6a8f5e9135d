-- payments on the first and last day of the window count; a day outside does not; refunds net off; excluded items are not income
--
-- 250 − 0 > 100: declared transfer is short of verified payments
INSERT INTO source VALUES (0, 0, 's.xlsx', 'S'), (1, 0, 'c.csv', ''), (2, 0, 'm.csv', '');
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'W', 'W', '一般户', NULL, '', NULL, NULL, 0, 0, 0, NULL, 0, '甲镇', '0', '一村', 0);
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', 0, 0, '健康', 'W', '150521198001010020', true, '普通劳动力', '张三', '张三', '', 0, 11, '正常', NULL);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 12, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('100.00', 1, '150521198001010020', true, 12, '', '', '2022-05-01', '', 0, 12);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 13, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('200.00', 1, '150521198001010020', true, 13, '', '', '2023-04-30', '', 0, 13);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 14, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('400.00', 1, '150521198001010020', true, 14, '', '', '2022-04-30', '', 0, 14);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 15, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('800.00', 1, '150521198001010020', true, 15, '', '', '2023-05-01', '', 0, 15);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 16, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('-50.00', 1, '150521198001010020', true, 16, '', '', '2022-08-01', '', 0, 16);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('2022年农机购置补贴', 17, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('5000.00', 1, '150521198001010020', true, 17, '', '', '2022-09-01', '', 0, 17);
