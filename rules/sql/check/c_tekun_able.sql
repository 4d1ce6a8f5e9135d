-- code: C_TEKUN_ABLE
-- title: 特困供养人员有劳动能力
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 疑点
-- needs: tekun health labor
--
-- 特困供养 is for those without labour capacity: a healthy member of 18–59
-- registered 普通 or 技能劳动力 contradicts it.
SELECT 'C_TEKUN_ABLE', '疑点', hh_key, id, name, NULL, NULL,
       '享受特困供养，' || age || '周岁，健康，劳动技能登记为' || labor,
       file_ord, sheet_ord, src_row
FROM check_person
WHERE in_m AND tekun AND age >= 18 AND age < 60 AND health = '健康'
  AND labor IN ('普通劳动力', '技能劳动力')
