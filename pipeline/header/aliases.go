package header

// The known column names of SPEC §3, one table per kind of input. To accept a
// new spelling that a department's export uses, add it to the field's list.
// Within a list, earlier names win when a sheet has several of them (for a
// medical sheet with both 结算日期 and 出院日期, the settlement date is used).
// Names are compared after Normalize: trimmed, full-width folded, spaces and
// line breaks dropped, and — when the exact name is unknown — a unit suffix in
// brackets removed (金额（元） = 金额).

var townshipNames = []string{"乡镇", "苏木乡镇", "乡镇(苏木)", "乡(镇)", "乡镇(街道)", "乡"}
var villageNames = []string{"村", "嘎查村", "行政村", "村(嘎查)"}
var idNames = []string{"身份证号", "身份证号码", "证件号码", "公民身份号码"}

// Card is a 一卡通 payment export (SPEC §3.1), one row per payment.
var Card = Fields{
	{Name: "id", Required: true, Aliases: idNames},
	{Name: "amount", Required: true, Aliases: []string{"发放金额", "金额", "补贴金额", "实发金额"}},
	{Name: "date", Required: true, Aliases: []string{"发放日期", "发放时间", "支付日期", "到账日期"}},
	{Name: "name", Aliases: []string{"姓名", "户主姓名", "领取人姓名"}},
	{Name: "item", Aliases: []string{"补贴项目", "项目名称", "补贴名称", "资金项目"}},
	{Name: "township", Aliases: townshipNames, Weak: true},
	{Name: "village", Aliases: villageNames, Weak: true},
	{Name: "status", Aliases: []string{"发放状态", "状态"}},
	{Name: "serial", Aliases: []string{"流水号", "发放流水号", "业务流水号"}},
}

// Medical is a medical settlement export (SPEC §3.2), one row per settlement.
// It needs the 合规自付 column, or the columns it is derived from.
var Medical = Fields{
	{Name: "id", Required: true, Aliases: idNames},
	{Name: "date", Required: true, Aliases: []string{"结算日期", "结算时间", "出院日期"}},
	{Name: "selfpay", Aliases: []string{"合规自付", "合规自付金额", "政策范围内自付", "政策内自付"}},
	{Name: "policy_total", Aliases: []string{"政策范围内费用", "政策范围内金额", "合规费用"}},
	{Name: "fund_pay", Aliases: []string{"统筹支付", "基本医保统筹支付", "基金支付"}},
	{Name: "serious_pay", Aliases: []string{"大病保险支付", "大病支付"}},
	{Name: "aid_pay", Aliases: []string{"医疗救助支付", "医疗救助"}},
	{Name: "name", Aliases: []string{"姓名"}},
	{Name: "total", Aliases: []string{"医疗总费用", "总费用"}},
	{Name: "hospital", Aliases: []string{"医疗机构", "就诊医院"}},
	{Name: "serial", Aliases: []string{"结算单号", "结算流水号"}},
}

// Survey is the village survey (SPEC §3.3): household fields and person fields.
var Survey = Fields{
	{Name: "id", Aliases: idNames},
	{Name: "hh_no", Aliases: []string{"户编号", "户码", "家庭编号", "户号"}},
	{Name: "relation", Aliases: []string{"与户主关系"}},
	{Name: "name", Aliases: []string{"姓名"}},
	{Name: "township", Aliases: townshipNames, Weak: true},
	{Name: "village", Aliases: villageNames, Weak: true},
	{Name: "hh_type", Aliases: []string{"户类型", "农户类型", "户属性"}},
	{Name: "monitor_type", Aliases: []string{"监测对象类别", "监测对象类型", "监测类型"}},
	{Name: "monitor_since", Aliases: []string{"识别监测时间", "纳入监测时间", "识别时间", "纳入监测日期"}},
	{Name: "eliminated", Aliases: []string{"风险是否已消除"}},
	{Name: "fallback", Aliases: []string{"整户无劳动能力兜底保障户"}},
	{Name: "size_declared", Aliases: []string{"家庭人口数", "家庭人口", "人口数", "当前家庭人口数", "年度家庭人口数"}},
	{Name: "wage", Aliases: []string{"工资性收入"}},
	{Name: "business", Aliases: []string{"生产经营性收入"}},
	{Name: "business_cost", Aliases: []string{"生产经营性支出", "生产经营性支出(合计)"}},
	{Name: "property", Aliases: []string{"财产性收入"}},
	{Name: "transfer", Aliases: []string{"转移性收入"}},
	{Name: "claims", Aliases: []string{"理赔收入"}},
	{Name: "selfpay", Aliases: []string{"合规自付支出"}},
	{Name: "pc_declared", Aliases: []string{"人均纯收入", "年人均纯收入"}},
	{Name: "pc_last_year", Aliases: []string{"上年人均纯收入"}},
	// Columns named like a guarantee: a 是/否 status on a village form, a
	// 帮扶措施 column in the national export; which one, the sheet's values
	// decide (SPEC §3.3.1, ingest).
	{Name: "edu", Aliases: []string{"义务教育保障"}},
	{Name: "med", Aliases: []string{"基本医疗保障"}},
	{Name: "house", Aliases: []string{"住房安全保障"}},
	{Name: "water", Aliases: []string{"饮水安全保障"}},
	// The national export's guarantee status columns, each with its own
	// polarity: *_problem 是 = 否 for the guarantee, water_solved 否 = 否.
	{Name: "edu_problem", Aliases: []string{"是否义务教育阶段适龄儿童少年失学辍学"}},
	{Name: "med_problem", Aliases: []string{"是否有家庭成员未参加城乡居民(职工)基本医疗保险"}},
	{Name: "house_problem", Aliases: []string{"是否危房户", "是否住房出现安全问题"}},
	{Name: "water_solved", Aliases: []string{"是否解决安全饮用水"}},
	{Name: "water_problem", Aliases: []string{"是否饮水出现安全问题"}},
	{Name: "risks", Aliases: []string{"致贫/返贫风险1", "致贫/返贫风险2", "致贫/返贫风险3", "致贫/返贫风险4", "致贫/返贫风险5",
		"致贫返贫风险", "致贫/返贫风险", "风险类型", "主要风险"}},
	// The 帮扶措施 categories but the three named like a guarantee (above).
	{Name: "m_industry", Aliases: []string{"产业帮扶"}},
	{Name: "m_employment", Aliases: []string{"就业帮扶"}},
	{Name: "m_finance", Aliases: []string{"金融帮扶"}},
	{Name: "m_welfare_job", Aliases: []string{"公益岗位帮扶", "公益性岗位帮扶"}},
	{Name: "m_health", Aliases: []string{"健康帮扶"}},
	{Name: "m_education", Aliases: []string{"教育帮扶", "其他教育帮扶"}},
	{Name: "m_assist", Aliases: []string{"综合保障"}},
	{Name: "m_social", Aliases: []string{"社会帮扶"}},
	{Name: "m_relocation", Aliases: []string{"搬迁"}},
	{Name: "m_living", Aliases: []string{"生产生活条件改善"}},
	{Name: "m_infra", Aliases: []string{"基础设施建设"}},
	{Name: "dev_status", Aliases: []string{"实施开发式帮扶措施情况"}},
	{Name: "elim_way", Aliases: []string{"风险消除方式"}},
	{Name: "elim_date", Aliases: []string{"消除监测时间", "风险消除时间"}},
	{Name: "after_house", Aliases: []string{"风险消除后是否住房损毁"}},
	{Name: "after_water", Aliases: []string{"风险消除后是否饮水设施损毁"}},
	{Name: "after_edu", Aliases: []string{"风险消除后是否义务教育阶段适龄儿童少年失学辍学"}},
	{Name: "after_med", Aliases: []string{"风险消除后是否有家庭成员未参加城乡居民(职工)基本医疗保险"}},
	{Name: "after_pc", Aliases: []string{"风险消除后家庭人均纯收入"}},
	{Name: "contact", Aliases: []string{"监测联系人", "帮扶责任人", "信息采集人"}},
	{Name: "labor", Aliases: []string{"劳动能力", "劳动技能"}},
	{Name: "health", Aliases: []string{"健康状况"}},
	{Name: "disability", Aliases: []string{"残疾等级"}},
	{Name: "status", Aliases: []string{"人员状态", "变动情况"}},
	{Name: "status_date", Aliases: []string{"变动日期"}},
	{Name: "sex", Aliases: []string{"性别"}},
	{Name: "school", Aliases: []string{"在校生状况", "在校生情况"}},
	{Name: "edu_level", Aliases: []string{"文化程度"}},
	{Name: "noschool", Aliases: []string{"义务教育阶段未上学原因", "失学或辍学原因", "失辍学原因"}},
	{Name: "ins_resident", Aliases: []string{"是否参加城乡居民基本医疗保险", "是否参加新型农村合作医疗(城乡居民基本医疗保险)"}},
	{Name: "ins_employee", Aliases: []string{"是否参加城镇职工基本医疗保险"}},
	{Name: "pension", Aliases: []string{"是否参加城乡居民基本养老保险"}},
	{Name: "dibao", Aliases: []string{"享受低保政策情况", "是否享受农村居民最低生活保障", "是否享受低保", "是否享受最低生活保障"}},
	{Name: "tekun", Aliases: []string{"享受特困供养政策情况", "是否特困供养人员"}},
	{Name: "welfare_job", Aliases: []string{"公益性岗位"}},
}
