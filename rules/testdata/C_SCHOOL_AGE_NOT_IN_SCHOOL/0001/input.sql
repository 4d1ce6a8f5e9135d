-- 学龄（排查日前最近的9月1日的年龄）6至15岁未在校且无未上学原因：义务教育保障为是报错误，否则疑点
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'school', 'noschool']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 12, 'B', 'B', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, false, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 4, 'A', '150521198001010111', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 5, 'A', '150521201609010210', true, '钱某二', '钱某二', '之子', '无劳动力', '健康', NULL, '正常', '2016-09-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 6, 'A', '150521201609020312', true, '孙某三', '孙某三', '之子', '无劳动力', '健康', NULL, '正常', '2016-09-02');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 7, 'A', '150521200609010419', true, '李某四', '李某四', '之子', '无劳动力', '健康', NULL, '正常', '2006-09-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 8, 'A', '150521201301010513', true, '周某五', '周某五', '之子', '无劳动力', '健康', NULL, '正常', '2013-01-01', '学前教育');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, noschool)
    VALUES (0, 0, 9, 'A', '15052120130101061X', true, '吴某六', '吴某六', '之子', '无劳动力', '健康', NULL, '正常', '2013-01-01', '因病');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 10, 'A', '150521201301010716', true, '郑某七', '郑某七', '之子', '无劳动力', '健康', NULL, '正常', '2013-01-01', '小学四年级');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 11, 'A', '150521201301010812', true, '王某八', '王某八', '之子', '无劳动力', '健康', NULL, '正常', '2013-01-01', '非在校生');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 12, 'B', '150521198001010912', true, '冯某九', '冯某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 13, 'B', '150521200609021011', true, '陈某十', '陈某十', '之子', '无劳动力', '健康', NULL, '正常', '2006-09-02');
