-- code: C_UNINSURED_SETTLED
-- title: 登记未参保但有医保结算
-- basis: SPEC §5.4；工作方案 §三(四)9（核实核准监测对象数据信息）
-- stage: check
-- level: 错误
-- needs: ins_resident ins_employee input:medical
--
-- A member registered in neither medical insurance who has a settlement dated
-- in the window: the registration is wrong (settlements need an enrolment).
SELECT 'C_UNINSURED_SETTLED', '错误', p.hh_key, p.id, p.name, NULL, NULL,
       '登记未参保，收入测算周期内有医保结算（合规自付' || m.med || '元）',
       p.file_ord, p.sheet_ord, p.src_row
FROM check_person p JOIN med_by_id m ON m.id = p.id
WHERE p.in_m AND p.ins_resident = false AND p.ins_employee = false
