-- a candidate household is entered after the notice, with its 户主's ID and name; a household above the line is not
--
-- C1: 一般户, 2 members (the 户主 listed second), wage 10000 < 7500 × 2 → 边缘易致贫户
-- C2: 一般户, 1 member, wage 9000 ≥ 7500 → no candidate, no action
INSERT INTO source VALUES (0, 0, 's.xlsx', 'S');
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'C1', 'C1', '一般户', NULL, '', NULL, NULL, 0, 0, 0, 2, 1, '甲镇', 0, '一村', '10000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'C1', '150521198001010040', true, '普通劳动力', '李四', '李四', '配偶', 0, 2, '正常', NULL);
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'C1', '150521198001010041', true, '普通劳动力', '张三', '张三', '户主', 0, 3, '正常', NULL);
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'C2', 'C2', '一般户', NULL, '', NULL, NULL, 0, 0, 0, 1, 4, '甲镇', 0, '一村', '9000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'C2', '150521198001010042', true, '普通劳动力', '王五', '王五', '户主', 0, 4, '正常', NULL);
