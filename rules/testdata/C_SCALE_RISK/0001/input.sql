-- 村内低于监测线或收入骤减的户达到有效户15%且不少于5户报疑点：恰好15%报，差一户不报；n = 0 的户不计
INSERT INTO source VALUES (0, 0, '甲镇排查表.xlsx', '入户排查表'), (1, 0, '一卡通.csv', ''), (2, 0, '医保结算.csv', '');
INSERT INTO input_kind VALUES ('survey');
INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['township', 'village', 'hh_no', 'hh_type', 'size_declared', 'wage', 'business', 'business_cost', 'property', 'transfer', 'claims', 'selfpay', 'g_edu', 'g_med', 'g_house', 'g_water', 'name', 'id', 'relation', 'labor', 'health', 'disability', 'status', 'status_date']);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 4, 'A00', 'A00', '甲镇', '二村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 5, 'A01', 'A01', '甲镇', '二村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 6, 'A02', 'A02', '甲镇', '二村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 7, 'A03', 'A03', '甲镇', '二村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 8, 'A04', 'A04', '甲镇', '二村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 9, 'A05', 'A05', '甲镇', '二村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 10, 'A06', 'A06', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 11, 'A07', 'A07', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 12, 'A08', 'A08', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 13, 'A09', 'A09', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 14, 'A10', 'A10', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 15, 'A11', 'A11', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 16, 'A12', 'A12', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 17, 'A13', 'A13', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 18, 'A14', 'A14', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 19, 'A15', 'A15', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 20, 'A16', 'A16', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 21, 'A17', 'A17', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 22, 'A18', 'A18', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 23, 'A19', 'A19', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 24, 'A20', 'A20', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 25, 'A21', 'A21', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 26, 'A22', 'A22', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 27, 'A23', 'A23', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 28, 'A24', 'A24', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 29, 'A25', 'A25', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 30, 'A26', 'A26', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 31, 'A27', 'A27', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 32, 'A28', 'A28', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 33, 'A29', 'A29', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 34, 'A30', 'A30', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 35, 'A31', 'A31', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 36, 'A32', 'A32', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 37, 'A33', 'A33', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 38, 'A34', 'A34', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 39, 'A35', 'A35', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 40, 'A36', 'A36', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 41, 'A37', 'A37', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 42, 'A38', 'A38', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 43, 'A39', 'A39', '甲镇', '二村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 44, 'B00', 'B00', '甲镇', '三村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 45, 'B01', 'B01', '甲镇', '三村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 46, 'B02', 'B02', '甲镇', '三村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 47, 'B03', 'B03', '甲镇', '三村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 48, 'B04', 'B04', '甲镇', '三村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 49, 'B05', 'B05', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 50, 'B06', 'B06', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 51, 'B07', 'B07', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 52, 'B08', 'B08', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 53, 'B09', 'B09', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 54, 'B10', 'B10', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 55, 'B11', 'B11', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 56, 'B12', 'B12', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 57, 'B13', 'B13', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 58, 'B14', 'B14', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 59, 'B15', 'B15', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 60, 'B16', 'B16', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 61, 'B17', 'B17', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 62, 'B18', 'B18', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 63, 'B19', 'B19', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 64, 'B20', 'B20', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 65, 'B21', 'B21', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 66, 'B22', 'B22', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 67, 'B23', 'B23', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 68, 'B24', 'B24', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 69, 'B25', 'B25', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 70, 'B26', 'B26', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 71, 'B27', 'B27', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 72, 'B28', 'B28', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 73, 'B29', 'B29', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 74, 'B30', 'B30', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 75, 'B31', 'B31', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 76, 'B32', 'B32', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 77, 'B33', 'B33', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 78, 'B34', 'B34', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 79, 'B35', 'B35', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 80, 'B36', 'B36', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 81, 'B37', 'B37', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 82, 'B38', 'B38', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 83, 'B39', 'B39', '甲镇', '三村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water, pc_last_year)
    VALUES (0, 0, 84, 'C00', 'C00', '甲镇', '四村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true, NULL);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water, pc_last_year)
    VALUES (0, 0, 85, 'C01', 'C01', '甲镇', '四村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true, NULL);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water, pc_last_year)
    VALUES (0, 0, 86, 'C02', 'C02', '甲镇', '四村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true, NULL);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water, pc_last_year)
    VALUES (0, 0, 87, 'C03', 'C03', '甲镇', '四村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true, NULL);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water, pc_last_year)
    VALUES (0, 0, 88, 'C04', 'C04', '甲镇', '四村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true, '50000.00');
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 89, 'C05', 'C05', '甲镇', '四村', '一般户', NULL, NULL, false, false, 0, 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 90, 'C06', 'C06', '甲镇', '四村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 91, 'D00', 'D00', '甲镇', '五村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 92, 'D01', 'D01', '甲镇', '五村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 93, 'D02', 'D02', '甲镇', '五村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 94, 'D03', 'D03', '甲镇', '五村', '一般户', NULL, NULL, false, false, '5000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 95, 'D04', 'D04', '甲镇', '五村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 96, 'D05', 'D05', '甲镇', '五村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 97, 'D06', 'D06', '甲镇', '五村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 98, 'D07', 'D07', '甲镇', '五村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 99, 'D08', 'D08', '甲镇', '五村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated, fallback, wage, business, business_cost, property, transfer, claims, selfpay, g_edu, g_med, g_house, g_water)
    VALUES (0, 0, 100, 'D09', 'D09', '甲镇', '五村', '一般户', NULL, NULL, false, false, '20000.00', 0, 0, 0, 0, 0, 0, true, true, true, true);
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 4, 'A00', '150521198001010111', true, '赵某一', '赵某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 5, 'A01', '150521198001010218', true, '钱某二', '钱某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 6, 'A02', '150521198001010314', true, '孙某三', '孙某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 7, 'A03', '150521198001010410', true, '李某四', '李某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 8, 'A04', '150521198001010517', true, '周某五', '周某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 9, 'A05', '150521198001010613', true, '吴某六', '吴某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 10, 'A06', '15052119800101071X', true, '郑某七', '郑某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 11, 'A07', '150521198001010816', true, '王某八', '王某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 12, 'A08', '150521198001010912', true, '冯某九', '冯某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 13, 'A09', '150521198001011018', true, '陈某十', '陈某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 14, 'A10', '150521198001011114', true, '褚某一', '褚某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 15, 'A11', '150521198001011210', true, '卫某二', '卫某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 16, 'A12', '150521198001011317', true, '蒋某三', '蒋某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 17, 'A13', '150521198001011413', true, '沈某四', '沈某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 18, 'A14', '15052119800101151X', true, '韩某五', '韩某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 19, 'A15', '150521198001011616', true, '杨某六', '杨某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 20, 'A16', '150521198001011712', true, '朱某七', '朱某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 21, 'A17', '150521198001011819', true, '秦某八', '秦某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 22, 'A18', '150521198001011915', true, '尤某九', '尤某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 23, 'A19', '150521198001012010', true, '许某十', '许某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 24, 'A20', '150521198001012117', true, '何某一', '何某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 25, 'A21', '150521198001012213', true, '吕某二', '吕某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 26, 'A22', '15052119800101231X', true, '施某三', '施某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 27, 'A23', '150521198001012416', true, '张某四', '张某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 28, 'A24', '150521198001012512', true, '孔某五', '孔某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 29, 'A25', '150521198001012619', true, '曹某六', '曹某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 30, 'A26', '150521198001012715', true, '严某七', '严某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 31, 'A27', '150521198001012811', true, '华某八', '华某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 32, 'A28', '150521198001012918', true, '金某九', '金某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 33, 'A29', '150521198001013013', true, '魏某十', '魏某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 34, 'A30', '15052119800101311X', true, '陶某一', '陶某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 35, 'A31', '150521198001013216', true, '姜某二', '姜某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 36, 'A32', '150521198001013312', true, '赵某三', '赵某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 37, 'A33', '150521198001013419', true, '钱某四', '钱某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 38, 'A34', '150521198001013515', true, '孙某五', '孙某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 39, 'A35', '150521198001013611', true, '李某六', '李某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 40, 'A36', '150521198001013718', true, '周某七', '周某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 41, 'A37', '150521198001013814', true, '吴某八', '吴某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 42, 'A38', '150521198001013910', true, '郑某九', '郑某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 43, 'A39', '150521198001014016', true, '王某十', '王某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 44, 'B00', '150521198001014112', true, '冯某一', '冯某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 45, 'B01', '150521198001014219', true, '陈某二', '陈某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 46, 'B02', '150521198001014315', true, '褚某三', '褚某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 47, 'B03', '150521198001014411', true, '卫某四', '卫某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 48, 'B04', '150521198001014518', true, '蒋某五', '蒋某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 49, 'B05', '150521198001014614', true, '沈某六', '沈某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 50, 'B06', '150521198001014710', true, '韩某七', '韩某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 51, 'B07', '150521198001014817', true, '杨某八', '杨某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 52, 'B08', '150521198001014913', true, '朱某九', '朱某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 53, 'B09', '150521198001015019', true, '秦某十', '秦某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 54, 'B10', '150521198001015115', true, '尤某一', '尤某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 55, 'B11', '150521198001015211', true, '许某二', '许某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 56, 'B12', '150521198001015318', true, '何某三', '何某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 57, 'B13', '150521198001015414', true, '吕某四', '吕某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 58, 'B14', '150521198001015510', true, '施某五', '施某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 59, 'B15', '150521198001015617', true, '张某六', '张某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 60, 'B16', '150521198001015713', true, '孔某七', '孔某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 61, 'B17', '15052119800101581X', true, '曹某八', '曹某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 62, 'B18', '150521198001015916', true, '严某九', '严某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 63, 'B19', '150521198001016011', true, '华某十', '华某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 64, 'B20', '150521198001016118', true, '金某一', '金某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 65, 'B21', '150521198001016214', true, '魏某二', '魏某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 66, 'B22', '150521198001016310', true, '陶某三', '陶某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 67, 'B23', '150521198001016417', true, '姜某四', '姜某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 68, 'B24', '150521198001016513', true, '赵某五', '赵某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 69, 'B25', '15052119800101661X', true, '钱某六', '钱某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 70, 'B26', '150521198001016716', true, '孙某七', '孙某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 71, 'B27', '150521198001016812', true, '李某八', '李某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 72, 'B28', '150521198001016919', true, '周某九', '周某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 73, 'B29', '150521198001017014', true, '吴某十', '吴某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 74, 'B30', '150521198001017110', true, '郑某一', '郑某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 75, 'B31', '150521198001017217', true, '王某二', '王某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 76, 'B32', '150521198001017313', true, '冯某三', '冯某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 77, 'B33', '15052119800101741X', true, '陈某四', '陈某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 78, 'B34', '150521198001017516', true, '褚某五', '褚某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 79, 'B35', '150521198001017612', true, '卫某六', '卫某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 80, 'B36', '150521198001017719', true, '蒋某七', '蒋某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 81, 'B37', '150521198001017815', true, '沈某八', '沈某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 82, 'B38', '150521198001017911', true, '韩某九', '韩某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 83, 'B39', '150521198001018017', true, '杨某十', '杨某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 84, 'C00', '150521198001018113', true, '朱某一', '朱某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 85, 'C01', '15052119800101821X', true, '秦某二', '秦某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 86, 'C02', '150521198001018316', true, '尤某三', '尤某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 87, 'C03', '150521198001018412', true, '许某四', '许某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 88, 'C04', '150521198001018519', true, '何某五', '何某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 89, 'C05', '150521198001018615', true, '吕某六', '吕某六', '户主', '普通劳动力', '健康', NULL, '死亡', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 90, 'C06', '150521198001018711', true, '施某七', '施某七', '户主', '普通劳动力', '健康', NULL, '迁出', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 91, 'D00', '150521198001018818', true, '张某八', '张某八', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 92, 'D01', '150521198001018914', true, '孔某九', '孔某九', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 93, 'D02', '15052119800101901X', true, '曹某十', '曹某十', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 94, 'D03', '150521198001019116', true, '严某一', '严某一', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 95, 'D04', '150521198001019212', true, '华某二', '华某二', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 96, 'D05', '150521198001019319', true, '金某三', '金某三', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 97, 'D06', '150521198001019415', true, '魏某四', '魏某四', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 98, 'D07', '150521198001019511', true, '陶某五', '陶某五', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 99, 'D08', '150521198001019618', true, '姜某六', '姜某六', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, id_valid, name, name_key, relation, labor, health, disability, status, birth_date)
    VALUES (0, 0, 100, 'D09', '150521198001019714', true, '赵某七', '赵某七', '户主', '普通劳动力', '健康', NULL, '正常', '1980-01-01');
