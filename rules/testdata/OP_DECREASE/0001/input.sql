-- dead and moved-out persons dated from the window's first day to as_of are listed, a blank date with 变动日期缺失; earlier and later ones are not
--
-- window 2022-05-01..2023-04-30, as_of 2023-05-15 (defaults)
-- 0060 死亡 2022-05-01 (first day) → listed;  0061 迁出 2023-05-15 (as_of) → listed
-- 0062 死亡, no date → listed, 变动日期缺失;   0063 死亡 2022-04-30 → not (last season)
-- 0064 迁出 2023-05-16 → not (after as_of);   0065 正常 → not
INSERT INTO source VALUES (0, 0, 's.xlsx', 'S');
INSERT INTO household (business, business_cost, claims, eliminated, fallback, file_ord, g_edu, g_house, g_med, g_water, hh_key, hh_no, hh_type, monitor_since, monitor_type, pc_declared, pc_last_year, property, selfpay, sheet_ord, size_declared, src_row, township, transfer, village, wage) VALUES (0, 0, 0, false, false, 0, true, true, true, true, 'D1', 'D1', '一般户', NULL, '', NULL, NULL, 0, 0, 0, NULL, 1, '甲镇', 0, '一村', '90000');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'D1', '150521198001010065', true, '普通劳动力', '户主甲', '户主甲', '户主', 0, 1, '正常', NULL);
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1940-01-01', NULL, 0, '健康', 'D1', '150521194001010060', true, '无劳动力', '赵一', '赵一', '之父', 0, 2, '死亡', '2022-05-01');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'D1', '150521198001010061', true, '普通劳动力', '赵二', '赵二', '之子', 0, 3, '迁出', '2023-05-15');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1940-01-01', NULL, 0, '健康', 'D1', '150521194001010062', true, '无劳动力', '赵三', '赵三', '之母', 0, 4, '死亡', NULL);
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1940-01-01', NULL, 0, '健康', 'D1', '150521194001010063', true, '无劳动力', '赵四', '赵四', '其他', 0, 5, '死亡', '2022-04-30');
INSERT INTO person (birth_date, disability, file_ord, health, hh_key, id, id_valid, labor, name, name_key, relation, sheet_ord, src_row, status, status_date) VALUES ('1980-01-01', NULL, 0, '健康', 'D1', '150521198001010064', true, '普通劳动力', '赵五', '赵五', '之女', 0, 6, '迁出', '2023-05-16');
