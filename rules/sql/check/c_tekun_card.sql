-- code: C_TEKUN_CARD
-- title: 特困供养情况与一卡通发放不符
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: tekun input:card
--
-- As C_DIBAO_CARD, for 特困供养 and items containing 特困 or 供养
-- (card_aid_mismatch, checks.sql).
SELECT 'C_TEKUN_CARD', '疑点', hh_key, NULL, NULL, township, village,
       CASE WHEN registered THEN names || '登记享受特困供养，收入测算周期内一卡通无特困供养发放'
            ELSE '收入测算周期内一卡通发放特困供养' || amount || '元，无成员登记享受特困供养' END,
       file_ord, sheet_ord, src_row
FROM card_aid_mismatch('tekun')
