-- 享受特困供养的18至59周岁健康劳动力报疑点；17周岁、60周岁或未享受不报
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'tekun']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, tekun)
    VALUES (0, 0, 4, 'A', '150521199301010118', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1993-01-01', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, tekun)
    VALUES (0, 0, 5, 'A', '150521200505150214', true, '钱某二', '钱某二', '之子', '普通劳动力', '健康', NULL, '正常', '2005-05-15', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, tekun)
    VALUES (0, 0, 6, 'A', '150521200505160316', true, '孙某三', '孙某三', '之子', '普通劳动力', '健康', NULL, '正常', '2005-05-16', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, tekun)
    VALUES (0, 0, 7, 'A', '150521196305150413', true, '李某四', '李某四', '之子', '普通劳动力', '健康', NULL, '正常', '1963-05-15', true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, tekun)
    VALUES (0, 0, 8, 'A', '150521199001010511', true, '周某五', '周某五', '之子', '普通劳动力', '健康', NULL, '正常', '1990-01-01', false);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date, tekun)
    VALUES (0, 0, 9, 'A', '150521199001010618', true, '吴某六', '吴某六', '之子', '普通劳动力', '长期慢性病', NULL, '正常', '1990-01-01', true);
