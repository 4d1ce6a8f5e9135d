-- unsurveyed people: payments in a surveyed village or with no village; medical at the alert
--
-- sorted by 乡镇, 村: the medical row names neither, card 102 no village
INSERT INTO source VALUES (0, 0, 's.xlsx', 'S'), (1, 0, 'c.csv', ''), (2, 0, 'm.csv', '');
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'U', 'U', '一般户', NULL, '', NULL, NULL, 0, 0, 0, NULL, 0, '甲镇', 0, '一村', '20000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', 0, 0, '健康', 'U', '150521198001010100', true, '普通劳动力', '张三', '张三', '', 0, 52, '正常', NULL);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 53, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('10.00', 1, '150521198001010101', true, 53, '', '', '2022-06-01', '', 0, 53);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 54, '已发放', '甲镇', '');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('10.00', 1, '150521198001010102', true, 54, '', '', '2022-06-01', '', 0, 54);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 55, '已发放', '甲镇', '未排查村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('10.00', 1, '150521198001010103', true, 55, '', '', '2022-06-01', '', 0, 55);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('养老金', 56, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('10.00', 1, '150521198001010104', true, 56, '', '', '2022-04-30', '', 0, 56);
INSERT INTO card_labels (item, label, status, township, village) VALUES ('农机购置', 57, '已发放', '甲镇', '一村');
INSERT INTO card_rows (amount, file_ord, id, id_valid, label, name, name_key, pay_date, serial, sheet_ord, src_row) VALUES ('10.00', 1, '150521198001010105', true, 57, '', '', '2022-06-01', '', 0, 57);
INSERT INTO medical (file_ord, hospital, id, id_valid, name, name_key, selfpay, serial, settle_date, sheet_ord, src_row) VALUES (2, '', '150521198001010106', true, '', '', '9999.99', '', '2022-06-01', 0, 58);
INSERT INTO medical (file_ord, hospital, id, id_valid, name, name_key, selfpay, serial, settle_date, sheet_ord, src_row) VALUES (2, '', '150521198001010107', true, '', '', '10000.00', '', '2022-06-01', 0, 59);
INSERT INTO medical (file_ord, hospital, id, id_valid, name, name_key, selfpay, serial, settle_date, sheet_ord, src_row) VALUES (2, '', '150521198001010100', true, '', '', '10000.00', '', '2022-06-01', 0, 60);
