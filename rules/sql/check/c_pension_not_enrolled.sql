-- code: C_PENSION_NOT_ENROLLED
-- title: 领取城乡居民养老金但登记未参保
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: pension input:card
--
-- A member registered 否 for 城乡居民基本养老保险 who received a counted
-- 一卡通 payment of an item containing 养老金 in the window.
SELECT 'C_PENSION_NOT_ENROLLED', '疑点', p.hh_key, p.id, p.name, NULL, NULL,
       '登记未参加城乡居民基本养老保险，收入测算周期内一卡通发放养老金' || c.pension || '元',
       p.file_ord, p.sheet_ord, p.src_row
FROM check_person p JOIN check_card c ON c.id = p.id
WHERE p.in_m AND p.pension = false AND c.pension IS NOT NULL
