-- a surveyed person whom only the police list as 死亡 or 迁出 is a lead; the survey already marking it, a row after as_of and a person surveyed nowhere are not
--
-- 0070 正常, police 死亡 2023-01-02 → listed
-- 0071 正常, police 迁出 undated and 迁出 2022-12-01 → listed once, the dated row's date
-- 0072 死亡 in the survey, police 死亡 → not (the survey says it: 人口自然减少)
-- 0073 正常, police 死亡 2023-06-01 (after as_of) → not
-- 0079 in no survey household → not
INSERT INTO input_kind VALUES ('survey'), ('police');
INSERT INTO source VALUES (0, 0, 's.xlsx', 'S'), (1, 0, 'p.xlsx', '死亡注销');
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'V1', 'V1', '一般户', NULL, '', NULL, NULL, 0, 0, 0, NULL, 1, '甲镇', 0, '一村', '90000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'V1', '150521198001010070', true, '普通劳动力', '钱一', '钱一', '户主', 0, 1, '正常', NULL);
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'V1', '150521198001010071', true, '普通劳动力', '钱二', '钱二', '配偶', 0, 2, NULL, NULL);
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1940-01-01', NULL, 0, '健康', 'V1', '150521194001010072', true, '无劳动力', '钱三', '钱三', '之父', 0, 3, '死亡', '2023-01-01');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1940-01-01', NULL, 0, '健康', 'V1', '150521194001010073', true, '无劳动力', '钱四', '钱四', '之母', 0, 4, '正常', NULL);
INSERT INTO police VALUES
    (1, 0, 2, '150521198001010070', true, '钱一', '死亡', '2023-01-02', '死亡注销', NULL, '甲镇', '一村'),
    (1, 0, 3, '150521198001010071', true, '钱二', '迁出', NULL, '户籍迁出', '外省', '甲镇', '一村'),
    (1, 0, 4, '150521198001010071', true, '钱二', '迁出', '2022-12-01', '户籍迁出', '外省', '甲镇', '一村'),
    (1, 0, 5, '150521194001010072', true, '钱三', '死亡', '2023-01-01', '死亡注销', NULL, '甲镇', '一村'),
    (1, 0, 6, '150521194001010073', true, '钱四', '死亡', '2023-06-01', '死亡注销', NULL, '甲镇', '一村'),
    (1, 0, 7, '150521198001010079', true, '孙九', '死亡', '2023-01-01', '死亡注销', NULL, '甲镇', '一村');
