package header

// The department lists of SPEC §3.5. As in aliases.go, earlier names win;
// each field is named for its list, so that no list's column is taken for
// another kind's field of the same name.

// Police is the 公安 register of 死亡注销 and 户籍迁出.
var Police = Fields{
	{Name: "id", Required: true, Aliases: idNames},
	{Name: "change", Required: true, Aliases: []string{"注销原因", "变动类型", "注销类别", "变动情况"}},
	{Name: "change_date", Required: true, Aliases: []string{"注销日期", "死亡日期", "迁出日期", "变动日期"}},
	{Name: "name", Aliases: []string{"姓名"}},
	{Name: "move_reason", Aliases: []string{"迁出原因"}},
	{Name: "destination", Aliases: []string{"迁往地址", "迁往地区", "迁往地"}},
	{Name: "township", Aliases: townshipNames, Weak: true},
	{Name: "village", Aliases: villageNames, Weak: true},
}

// Aid is a 民政 roll: 低保, 特困, 临时救助. An ID column named 户主身份证号
// (head_id) stands for the 户主's whole household, as does a 保障人数 column.
var Aid = Fields{
	{Name: "id", Required: true, Aliases: []string{"身份证号", "身份证号码", "公民身份号码", "证件号码"}},
	{Name: "head_id", Aliases: []string{"户主身份证号", "户主身份证号码"}},
	{Name: "aid_category", Required: true, Aliases: []string{"保障类别", "救助类型", "类别", "保障类型", "救助类别"}},
	{Name: "name", Aliases: []string{"姓名", "户主姓名"}},
	{Name: "aid_start", Aliases: []string{"起始保障年月", "纳入时间", "救助日期", "审批日期", "保障起始日期"}},
	{Name: "aid_end", Aliases: []string{"停保日期", "终止日期", "停保时间"}},
	{Name: "aid_amount", Aliases: []string{"月保障金", "救助金额", "保障金额"}},
	{Name: "aid_members", Aliases: []string{"保障人数"}},
	{Name: "township", Aliases: townshipNames, Weak: true},
	{Name: "village", Aliases: villageNames, Weak: true},
}

// Disability is the 残联 list of certified disabled persons.
var Disability = Fields{
	{Name: "id", Required: true, Aliases: idNames},
	{Name: "certificate", Aliases: []string{"残疾人证号", "残疾证号", "残疾人证号码"}},
	{Name: "dis_category", Aliases: []string{"残疾类别"}},
	{Name: "dis_grade", Aliases: []string{"残疾等级"}},
	{Name: "name", Aliases: []string{"姓名"}},
	{Name: "issued", Aliases: []string{"发证日期", "发证时间", "办证日期"}},
	{Name: "township", Aliases: townshipNames, Weak: true},
	{Name: "village", Aliases: villageNames, Weak: true},
}

// School is an 教育 list: suspected dropouts, or enrolment and 学生资助.
var School = Fields{
	{Name: "id", Required: true, Aliases: idNames},
	{Name: "dropout_reason", Aliases: []string{"不在校原因", "辍学原因", "失学辍学原因"}},
	{Name: "edu_stage", Aliases: []string{"学段", "就读学段", "年级"}},
	{Name: "name", Aliases: []string{"姓名", "学生姓名"}},
	{Name: "school_name", Aliases: []string{"学校", "学校全称", "就读学校", "学校名称"}},
	{Name: "township", Aliases: townshipNames, Weak: true},
	{Name: "village", Aliases: villageNames, Weak: true},
}

// List is a [[lists]] block's list (SPEC §3.5): the ID and name, and the
// block's own where and date columns.
func List(where, date []string) Fields {
	fs := Fields{
		{Name: "id", Required: true, Aliases: idNames},
		{Name: "name", Aliases: []string{"姓名"}},
	}
	if len(where) > 0 {
		fs = append(fs, Field{Name: "list_where", Aliases: where})
	}
	if len(date) > 0 {
		fs = append(fs, Field{Name: "list_date", Aliases: date})
	}
	return fs
}
