-- 在校生状况与学龄不符报疑点（硕士研究生按周岁）；各学段区间的边界不报
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'school']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 4, 'A', '150521198001010111', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 5, 'A', '150521201508310214', true, '钱某二', '钱某二', '之子', '普通劳动力', '健康', NULL, '正常', '2015-08-31', '学前教育');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 6, 'A', '150521201609010317', true, '孙某三', '孙某三', '之子', '普通劳动力', '健康', NULL, '正常', '2016-09-01', '学龄前儿童');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 7, 'A', '150521201708310411', true, '李某四', '李某四', '之子', '普通劳动力', '健康', NULL, '正常', '2017-08-31', '小学一年级');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 8, 'A', '15052120080901051X', true, '周某五', '周某五', '之子', '普通劳动力', '健康', NULL, '正常', '2008-09-01', '小学六年级');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 9, 'A', '150521200408310618', true, '吴某六', '吴某六', '之子', '普通劳动力', '健康', NULL, '正常', '2004-08-31', '七年级');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 10, 'A', '150521200809010712', true, '郑某七', '郑某七', '之子', '普通劳动力', '健康', NULL, '正常', '2008-09-01', '普通高中一年级');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 11, 'A', '150521200008310811', true, '王某八', '王某八', '之子', '普通劳动力', '健康', NULL, '正常', '2000-08-31', '中职三年级');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 12, 'A', '15052120030516091X', true, '冯某九', '冯某九', '之子', '普通劳动力', '健康', NULL, '正常', '2003-05-16', '硕士研究生及以上');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, school)
    VALUES (0, 0, 13, 'A', '15052120030515101X', true, '陈某十', '陈某十', '之子', '普通劳动力', '健康', NULL, '正常', '2003-05-15', '硕士研究生及以上');
