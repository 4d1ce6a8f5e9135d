package explain

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteJSON writes the report for tools.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report in Chinese for the county clerk.
func (r *Report) WriteText(w io.Writer) error {
	t := &textW{w: w}
	p := r.Params
	t.f("查询：%s", r.Key)
	t.f("本次运行参数：收入测算周期 %s 至 %s，监测线 %s 元/人/年，排查日期 %s，不计收入的补贴项目：%s",
		p.WindowStart, p.WindowEnd, p.Line, p.AsOf, orNone(strings.Join(p.ExcludeItems, "、")))
	if len(r.Households) > 1 {
		t.f("该身份证号列在 %d 户中（一人多户），逐户说明如下。", len(r.Households))
	}
	for i := range r.Households {
		t.household(&r.Households[i], &p)
	}
	if r.Unlisted != nil {
		u := r.Unlisted
		t.blank()
		t.f("身份证号 %s 不在任何入户排查户中。", u.ID)
		t.rows("一卡通发放", u.Card, "发放金额")
		t.rows("医保结算", u.Medical, "合规自付")
		t.rejects(u.Rejects)
		t.findings(u.Findings)
	}
	return t.err
}

type textW struct {
	w   io.Writer
	err error
}

func (t *textW) f(format string, a ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format+"\n", a...)
	}
}

func (t *textW) blank() { t.f("") }

func (t *textW) household(h *Household, p *Params) {
	in := h.Income
	t.blank()
	t.f("━━ 户编号 %s ━━ %s %s", h.Key, h.Township, h.Village)
	t.f("户主：%s %s", orNone(h.HeadName), h.HeadID)
	mt := ""
	if h.MonitorType != "" {
		mt = "，监测对象类别 " + h.MonitorType
	}
	since := ""
	if h.MonitorSince != "" {
		since = "，纳入监测时间 " + h.MonitorSince
	}
	status := "不是监测对象"
	if h.Monitored {
		status = "监测对象"
	}
	t.f("户类型：%s%s%s；风险是否已消除：%s；兜底保障户：%s → %s", orNone(h.Type), mt, since, yesNoBlank(h.Eliminated), yesNoBlank(h.Fallback), status)
	t.f("来源：%s", h.Source)
	var g []string
	for _, name := range guaranteeNames {
		g = append(g, name+" "+orNone(h.Guarantees[name]))
	}
	t.f("三保障及饮水：%s", strings.Join(g, "，"))
	if h.GuaranteeSource != "" {
		t.f("  依据：%s", h.GuaranteeSource)
	}
	t.survey(h)

	t.blank()
	t.f("家庭成员（%d 人列出，%d 人计入家庭人口数）：", len(h.Members), in.N)
	for _, m := range h.Members {
		counted := "计入"
		if !m.Counted {
			counted = "不计入"
		}
		st := m.Status
		if m.StatusDate != "" {
			st += " " + m.StatusDate
		}
		var extra []string
		if m.Age != "" {
			extra = append(extra, m.Age+"岁")
		}
		if m.Labor != "" {
			extra = append(extra, m.Labor)
		}
		if m.Health != "" {
			extra = append(extra, m.Health)
		}
		if m.Disability > 0 {
			extra = append(extra, fmt.Sprintf("残疾%d级", m.Disability))
		}
		if !m.IDValid {
			extra = append(extra, "身份证号校验错误")
		}
		extra = append(extra, memberSurvey(&m)...)
		if m.Other != "" {
			extra = append(extra, "同时列在户 "+m.Other)
		}
		t.f("  %s %s %s（%s）状态 %s，%s人口 — %s", m.Name, m.ID, orNone(m.Relation), strings.Join(extra, "，"), st, counted, m.Source)
	}

	t.blank()
	t.rows("一卡通发放", h.Card, "发放金额")
	t.rows("医保结算", h.Medical, "合规自付")
	t.rejects(h.Rejects)

	t.blank()
	t.f("收入测算（%s）：", clause("INCOME"))
	if h.IncomeMissing {
		t.f("  所在工作表没有任何收入列（工资性、生产经营性、财产性、转移性收入）：按 n = 0 处理，不分类")
	} else if in.N == 0 {
		t.f("  家庭人口数 n = 0：不分类")
	}
	d := h.Declared
	t.f("  家庭人口数 n = %d（人员状态为“正常”的成员）", in.N)
	t.f("  一卡通 = 计入的 %d 笔之和 = %s", in.CardRows, in.Card)
	t.f("  医保合规自付 = 计入的 %d 笔之和 = %s", in.MedRows, in.Med)
	t.f("  转移性收入′ = 申报转移性收入 %s 与一卡通 %s 的较大者 = %s", d.Transfer, in.Card, in.TransferV)
	t.f("  合规自付支出′ = 申报合规自付支出 %s 与医保合规自付 %s 的较大者 = %s", d.Selfpay, in.Med, in.SelfpayV)
	t.f("  纯收入′ = 工资性收入 %s + 生产经营性收入 %s − 生产经营性支出 %s + 财产性收入 %s + 转移性收入′ %s = %s",
		d.Wage, d.Business, d.BusinessCost, d.Property, in.TransferV, in.Pure)
	t.f("  总收入 = 纯收入′ %s + 理赔收入 %s = %s", in.Pure, d.Claims, in.Gross)
	t.f("  扣除后纯收入 = 总收入 %s − 合规自付支出′ %s = %s", in.Gross, in.SelfpayV, in.Net)
	t.f("  监测线 × 人口 = %s × %d = %s", p.Line, in.N, in.Threshold)
	t.f("  总收入 %s %s %s；扣除后纯收入 %s %s %s（精确比较，不用四舍五入的人均数）",
		in.Gross, cmp(in.GrossBelow), in.Threshold, in.Net, cmp(in.NetBelow), in.Threshold)
	if in.PerCapita != "" {
		t.f("  人均纯收入 = %s ÷ %d = %s（四舍五入到分，仅供显示）", in.Net, in.N, in.PerCapita)
	}
	if d.PCDeclared != "" {
		t.f("  申报人均纯收入 %s", d.PCDeclared)
	}
	if d.PCLastYear != "" {
		t.f("  上年人均纯收入 %s", d.PCLastYear)
	}

	t.blank()
	t.f("规则结论：")
	if c := h.Candidate; c != nil {
		t.f("  ▶ 新识别监测对象候选：%s（%s）", c.Type, c.Clause)
		t.f("    依据：%s", c.Why)
		t.f("    风险因素：%s", orNone(strings.Join(c.Factors, "、")))
	}
	if e := h.Elimination; e != nil {
		t.f("  ▶ 风险消除建议：%s（%s）", e.Advice, e.Clause)
		for _, r := range e.Reasons {
			mark := "✓ 满足"
			if !r.Holds {
				mark = "✗ " + r.Text
			}
			t.f("    %s — %s", mark, r.Facts)
		}
	}
	if h.NotListed != "" {
		t.f("  ▶ 不在候选和风险消除名单中：%s", h.NotListed)
	}
	t.findings(h.Findings)
	t.checks(h.Checks)
}

func (t *textW) rows(title string, rows []Row, amount string) {
	var counted, left []Row
	for _, r := range rows {
		if r.Counted {
			counted = append(counted, r)
		} else {
			left = append(left, r)
		}
	}
	t.f("%s：计入 %d 笔，未计入 %d 笔", title, len(counted), len(left))
	for _, r := range counted {
		t.f("  计入 %s %s %s %s %s — %s%s", r.Date, r.Name, r.ID, orNone(r.Item), amount+" "+r.Amount, r.Source, note(r.Note))
	}
	for _, r := range left {
		why := map[string]string{"outside_window": "周期外", "excluded_item": "排除项目", "failed": "发放失败", "duplicate": "重复记录"}[r.Why]
		t.f("  未计入（%s）%s %s %s %s %s — %s%s", why, orNone(r.Date), r.Name, r.ID, orNone(r.Item), amount+" "+orNone(r.Amount), r.Source, note(r.Note))
	}
}

func (t *textW) rejects(rs []Reject) {
	if len(rs) == 0 {
		return
	}
	t.f("无法使用的输入行（含本户成员身份证号）：")
	for _, r := range rs {
		t.f("  %s：%s — %s", r.Kind, r.Reason, r.Source)
	}
}

func (t *textW) findings(ds []Discrepancy) {
	if len(ds) == 0 {
		t.f("  ▶ 疑点：无")
		return
	}
	t.f("  ▶ 疑点 %d 条：", len(ds))
	for _, d := range ds {
		var vals []string
		if d.Declared != "" {
			vals = append(vals, "申报值 "+d.Declared)
		}
		if d.Compared != "" {
			vals = append(vals, "比对值 "+d.Compared)
		}
		if d.Diff != "" {
			vals = append(vals, "差额 "+d.Diff)
		}
		who := strings.TrimSpace(d.Name + " " + d.ID)
		if len(vals) > 0 {
			who += " [" + strings.Join(vals, "，") + "]"
		}
		t.f("    %s %s（%s）%s %s", d.Code, d.Type, d.Source, who, d.Note)
		t.f("      依据：%s", d.Clause)
	}
}

func cmp(below bool) string {
	if below {
		return "<"
	}
	return "≥"
}

func note(s string) string {
	if s == "" {
		return ""
	}
	return "；" + s
}

func orNone(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

func yesNoBlank(b string) string {
	if v := yesNo(b); v != "" {
		return v
	}
	return "（空）"
}

// survey writes the household's SPEC §3.3.1 fields that the sheet gave, and
// what reading its rows found.
func (t *textW) survey(h *Household) {
	sf := h.Survey
	if sf.Risks != "" {
		t.f("致贫/返贫风险：%s", sf.Risks)
	}
	var ms []string
	for _, name := range MeasureNames {
		if v := sf.Measures[name]; v != "" {
			ms = append(ms, name+"："+v)
		}
	}
	if len(ms) > 0 {
		t.f("帮扶措施：%s", strings.Join(ms, "；"))
	}
	var more []string
	for _, f := range []struct{ name, v string }{
		{"实施开发式帮扶措施情况", sf.DevStatus}, {"风险消除方式", sf.ElimWay}, {"消除监测时间", sf.ElimDate},
		{"风险消除后是否住房损毁", sf.AfterHouse}, {"风险消除后是否饮水设施损毁", sf.AfterWater},
		{"风险消除后是否义务教育阶段适龄儿童少年失学辍学", sf.AfterEdu},
		{"风险消除后是否有家庭成员未参加基本医疗保险", sf.AfterMed}, {"风险消除后家庭人均纯收入", sf.AfterPC},
		{"监测联系人", sf.Contact},
	} {
		if f.v != "" {
			more = append(more, f.name+" "+f.v)
		}
	}
	if len(more) > 0 {
		t.f("%s", strings.Join(more, "；"))
	}
	for _, is := range h.Issues {
		if l, ok := FieldLabels[is.Field]; ok {
			is.Field = l
		}
		switch is.Code {
		case "C_HH_FIELD_CONFLICT":
			t.f("同户成员户信息不一致：%s 首行为“%s”，此行为“%s” — %s", is.Field, is.Value, is.Other, is.Source)
		case "C_GUARANTEE_VALUE":
			t.f("三保障或饮水状况无法识别：%s 为“%s” — %s", is.Field, is.Value, is.Source)
		default:
			t.f("%s：%s “%s” — %s", is.Code, is.Field, is.Value, is.Source)
		}
	}
}

// memberSurvey lists a member's SPEC §3.3.1 fields that the sheet gave.
func memberSurvey(m *Member) []string {
	var out []string
	if m.Sex != "" {
		out = append(out, m.Sex)
	}
	if m.DisabilityCat > 0 && m.DisabilityCat < len(disabilityCategories) {
		out = append(out, disabilityCategories[m.DisabilityCat]+"残疾")
	}
	for _, f := range []struct{ name, v string }{
		{"在校生状况", m.School}, {"文化程度", m.EduLevel}, {"未上学原因", m.NoSchool},
		{"城乡居民医保", m.InsResident}, {"职工医保", m.InsEmployee}, {"城乡居民养老保险", m.Pension},
		{"低保", m.Dibao}, {"特困供养", m.Tekun}, {"公益性岗位", m.WelfareJob},
	} {
		if f.v != "" {
			out = append(out, f.name+" "+f.v)
		}
	}
	return out
}

// disabilityCategories are the 残疾类别 of a 残疾人证号 (SPEC §3.3.1), by digit.
var disabilityCategories = []string{"", "视力", "听力", "言语", "肢体", "智力", "精神", "多重"}
