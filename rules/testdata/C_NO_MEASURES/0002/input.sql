-- 全国系统导出表户信息每行重复：一户只报一次；只有一类措施列的工作表照常检查，无措施列的工作表不报
INSERT INTO source VALUES (0, 0, '全国系统导出.xlsx', '自定义查询'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', ''), (0, 1, '甲镇排查表.xlsx', '工作表1'), (0, 2, '甲镇排查表.xlsx', '工作表2');
INSERT INTO input_kind VALUES ('survey');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'monitor_type', 'monitor_since', 'eliminated', 'wage', 'business', 'property', 'transfer', 'name', 'id', 'relation', 'labor', 'health', 'status', 'm_industry', 'm_employment', 'm_finance', 'm_welfare_job', 'm_health', 'm_education', 'm_compulsory_edu', 'm_housing', 'm_water', 'm_assist', 'm_social', 'm_relocation', 'm_living', 'm_infra']);
INSERT INTO sheet_field SELECT 0, 1, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'monitor_type', 'monitor_since', 'm_health']);
INSERT INTO sheet_field SELECT 0, 2, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date', 'monitor_type', 'monitor_since']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '脱贫户', '脱贫不稳定户', '2022-01-01', false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 1, 4, 'B', 'B', '甲镇', '一村', '监测户', '边缘易致贫户', '2022-01-01', false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 2, 4, 'C', 'C', '甲镇', '一村', '监测户', '边缘易致贫户', '2022-01-01', false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 4, 'A', '150521198001010111', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 5, 'A', '150521198001010226', true, '钱某二', '钱某二', '配偶', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 6, 'A', '150521200501010310', true, '孙某三', '孙某三', '之子', '普通劳动力', '健康', NULL, '正常', '2005-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 7, 'A', '150521200801010419', true, '李某四', '李某四', '之子', '普通劳动力', '健康', NULL, '正常', '2008-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 1, 4, 'B', '150521198001010517', true, '周某五', '周某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 2, 4, 'C', '150521198001010613', true, '吴某六', '吴某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
