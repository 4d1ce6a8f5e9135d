-- only a monitored household whose 建议 is 风险消除 is marked; one kept under monitoring is not
--
-- E1: 监测户 since 2022-01-01, wage 20000 for 1, guarantees 是 → 风险消除 → marked
-- E2: the same but monitored since 2023-03-01 (监测不满6个月) → 暂不消除 → not marked
INSERT INTO source VALUES (0, 0, 's.xlsx', 'S');
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'E1', 'E1', '监测户', '2022-01-01', '边缘易致贫户', NULL, NULL, 0, 0, 0, 1, 1, '甲镇', 0, '一村', '20000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'E1', '150521198001010050', true, '普通劳动力', '张三', '张三', '户主', 0, 1, '正常', NULL);
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'E2', 'E2', '监测户', '2023-03-01', '边缘易致贫户', NULL, NULL, 0, 0, 0, 1, 2, '甲镇', 0, '一村', '20000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'E2', '150521198001010051', true, '普通劳动力', '李四', '李四', '户主', 0, 2, '正常', NULL);
