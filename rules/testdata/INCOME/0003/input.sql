-- a repeated serial counts once: the first in input order stays
INSERT INTO source VALUES (0, 0, 's.xlsx', 'S'), (1, 0, 'c.csv', ''), (2, 0, 'm.csv', '');
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'R', 'R', '一般户', NULL, '', NULL, NULL, 0, 0, 0, NULL, 0, '甲镇', '1000', '一村', '20000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', 0, 0, '健康', 'R', '150521198001010130', true, '普通劳动力', '张三', '张三', '', 0, 64, '正常', NULL);
INSERT INTO source (file_ord, sheet_ord, src_file, src_sheet) VALUES (5, 0, 'c5.csv', '');
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 65, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('700.00', 5, '150521198001010130', true, 65, '', '', '2022-06-01', 'YKT1', 0, 65);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 66, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('700.00', 1, '150521198001010130', true, 66, '', '', '2022-06-01', 'YKT1', 0, 66);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 67, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('700.00', 1, '150521198001010130', true, 67, '', '', '2022-07-01', 'YKT2', 0, 67);
INSERT INTO medical (file_ord, hospital, id, id_valid, name, name_key, selfpay, serial, settle_date, sheet_ord, src_row) VALUES (2, '', '150521198001010130', true, '', '', '10.00', 'JS1', '2022-06-01', 0, 68);
INSERT INTO medical (file_ord, hospital, id, id_valid, name, name_key, selfpay, serial, settle_date, sheet_ord, src_row) VALUES (2, '', '150521198001010130', true, '', '', '10.00', 'JS1', '2022-06-01', 0, 69);
