-- code: C_FALLBACK_LABOR
-- title: 兜底保障户有劳动力
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: fallback labor
--
-- 整户无劳动能力兜底保障户 是 while a member of M is 普通 or 技能劳动力.
SELECT 'C_FALLBACK_LABOR', '疑点', hh_key, NULL, NULL, township, village,
       '整户无劳动能力兜底保障户为是，' || m_able || '人为普通或技能劳动力',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE fallback AND labor_col AND m_able > 0
