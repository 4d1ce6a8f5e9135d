-- a name differing only by a middle dot is not a mismatch; another name is, once per source
INSERT INTO source VALUES (0, 0, 's.xlsx', 'S'), (1, 0, 'c.csv', ''), (2, 0, 'm.csv', '');
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'M', 'M', '一般户', NULL, '', NULL, NULL, 0, 0, 0, NULL, 0, '甲镇', 0, '一村', '20000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', 0, 0, '健康', 'M', '150521198001010060', true, '普通劳动力', '达来·萨仁', '达来萨仁', '', 0, 33, '正常', NULL);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 34, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('10.00', 1, '150521198001010060', true, 34, '达来.萨仁', '达来萨仁', '2022-06-01', '', 0, 34);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 35, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('10.00', 1, '150521198001010060', true, 35, '王五', '王五', '2022-07-01', '', 0, 35);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 36, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('10.00', 1, '150521198001010060', true, 36, '赵六', '赵六', '2022-08-01', '', 0, 36);
INSERT INTO medical (file_ord, hospital, id, id_valid, name, name_key, selfpay, serial, settle_date, sheet_ord, src_row) VALUES (2, '', '150521198001010060', true, '达来 萨仁', '达来萨仁', '1.00', '', '2022-08-01', 0, 37);
