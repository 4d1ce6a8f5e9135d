-- code: C_DIBAO_CARD
-- title: 低保享受情况与一卡通发放不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: dibao input:card
--
-- 低保 registered for a member but no 低保 payment in the window to anyone
-- listed in the household (in a village the 一卡通 data covers); or such a
-- payment and no member registered (card_aid_mismatch, checks.sql).
SELECT 'C_DIBAO_CARD', '疑点', hh_key, NULL, NULL, township, village,
       CASE WHEN registered THEN names || '登记享受低保，收入测算周期内一卡通无低保发放'
            ELSE '收入测算周期内一卡通发放低保' || amount || '元，无成员登记享受低保' END,
       file_ord, sheet_ord, src_row
FROM card_aid_mismatch('dibao')
