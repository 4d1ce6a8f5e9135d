package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/paicha/paicha/pipeline/header"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/pipeline/read"
)

// sheetReader turns the data rows of one sheet into records.
type sheetReader struct {
	sink   Sink
	acc    *Sheet
	layout header.Layout
	src    load.Source
	cells  []string // the current row
	row    int

	// Layout A: the household the current row belongs to.
	hh struct {
		started bool
		no, key string
		reject  string // non-empty: every row of this household is rejected
	}
	// Layout B: 户编号 → "" when loaded, else why it was rejected.
	households map[string]string

	maxCells, cellCount int64 // --max-cells, and the cells seen so far
}

// run streams the sheet's rows below the header through rowFn and settles
// the accounting.
func (s *sheetReader) run(ctx context.Context, wb read.Workbook, sheet string, rowFn func([]string, int) error) error {
	return s.scan(ctx, wb, sheet, func(cells []string, num int) error { return s.dataRow(cells, num, rowFn) })
}

// dataRow hands one data row to rowFn, unless a cell is too long to be real.
func (s *sheetReader) dataRow(cells []string, num int, rowFn func([]string, int) error) error {
	s.cells, s.row = cells, num
	if reason := oversizedCell(cells); reason != "" {
		return s.reject(reason)
	}
	return rowFn(cells, num)
}

// scan hands fn each data row (below the header, not blank) and counts the
// rows read and the blank ones between them.
func (s *sheetReader) scan(ctx context.Context, wb read.Workbook, sheet string, fn func([]string, int) error) error {
	last, seen := 0, 0
	err := wb.Rows(ctx, sheet, func(num int, cells []string) error {
		if num <= s.layout.LastRow || blank(cells) {
			return nil
		}
		if s.cellCount += int64(len(cells)); s.maxCells > 0 && s.cellCount > s.maxCells {
			return tooManyCells(num, s.maxCells)
		}
		last, seen = num, seen+1
		return fn(cells, num)
	})
	if last > s.layout.LastRow {
		s.acc.Read = last - s.layout.LastRow
		if gaps := s.acc.Read - seen; gaps > 0 {
			s.acc.Skipped[SkipBlank] += gaps
		}
	}
	return err
}

// maxCellChars is Excel's limit on the characters of one cell: a longer
// cell cannot come from a real worksheet (a damaged file, or a CSV whose
// quotes went wrong), so its row is rejected rather than guessed at.
const maxCellChars = 32767

func oversizedCell(cells []string) string {
	for i, c := range cells {
		if len(c) > maxCellChars {
			if n := utf8.RuneCountInString(c); n > maxCellChars {
				return fmt.Sprintf("第%d列的单元格有%d个字符，超过Excel单元格的上限%d，文件可能已损坏；请核对这一行", i+1, n, maxCellChars)
			}
		}
	}
	return ""
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// get is the first non-empty cell among the field's columns, trimmed.
func (s *sheetReader) get(field string) string {
	for _, c := range s.layout.Cols[field] {
		if c < len(s.cells) {
			if v := strings.TrimSpace(s.cells[c]); v != "" {
				return v
			}
		}
	}
	return ""
}

// text is a folded text field (names of places, items, statuses).
func (s *sheetReader) text(field string) string { return normalize.Fold(s.get(field)) }

func (s *sheetReader) skip(reason string) error {
	s.acc.Skipped[reason]++
	return nil
}

func (s *sheetReader) reject(reason string) error {
	s.acc.Rejected++
	cells := s.cells
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	raw := strings.Join(cells, " | ")
	if len(raw) > 2000 {
		raw = raw[:2000] + "…"
	}
	return s.sink.Reject(s.src, &load.Reject{Row: s.row, Kind: s.acc.Kind.Label(), Reason: reason, Raw: strings.ToValidUTF8(raw, "?")})
}

func (s *sheetReader) loaded() { s.acc.Loaded++ }

// summaryRow: no ID, and a 合计/小计/总计 label somewhere (SPEC §3).
func (s *sheetReader) summaryRow() bool {
	if s.get("id") != "" {
		return false
	}
	for _, c := range s.cells {
		if normalize.IsSummaryLabel(c) {
			return true
		}
	}
	return false
}

// id parses the person ID; reason is set when the row must be rejected.
func (s *sheetReader) id() (id string, valid bool, reason string) {
	raw := s.get("id")
	if raw == "" {
		return "", false, "身份证号为空"
	}
	id, valid, err := normalize.ID(raw)
	if err != nil {
		var ie *normalize.IDError
		if errors.As(err, &ie) {
			return "", false, ie.Reason
		}
		return "", false, "身份证号无法识别"
	}
	return id, valid, ""
}

func (s *sheetReader) money(field, label string) (normalize.Fen, string) {
	f, err := normalize.ParseMoney(s.get(field))
	if err != nil {
		return 0, fmt.Sprintf("%s“%s”不是金额", label, clip(s.get(field)))
	}
	return f, ""
}

func (s *sheetReader) optMoney(field, label string) (load.OptFen, string) {
	if s.get(field) == "" {
		return load.OptFen{}, ""
	}
	f, reason := s.money(field, label)
	return load.OptFen{Fen: f, Valid: reason == ""}, reason
}

func (s *sheetReader) date(field, label string, required bool) (load.OptDate, string) {
	raw := s.get(field)
	if raw == "" {
		if required {
			return load.OptDate{}, label + "为空"
		}
		return load.OptDate{}, ""
	}
	d, err := normalize.ParseDate(raw)
	if err != nil {
		return load.OptDate{}, fmt.Sprintf("%s“%s”不是日期", label, clip(raw))
	}
	return load.OptDate{Date: d, Valid: true}, ""
}

// clip keeps a quoted cell short and never shows a whole ID number.
func clip(v string) string {
	if len([]rune(v)) > 30 {
		v = string([]rune(v)[:30]) + "…"
	}
	if strings.ContainsAny(v, "0123456789") && len(v) >= 15 {
		return normalize.MaskID(v)
	}
	return v
}

// card: one 一卡通 payment (SPEC §3.1).
func (s *sheetReader) card(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	status := s.text("status")
	if normalize.PaymentFailed(status) {
		if err := s.keepFailed(status); err != nil {
			return err
		}
		return s.skip(SkipFailed)
	}
	id, valid, reason := s.id()
	if reason != "" {
		return s.reject(reason)
	}
	amount, reason := s.money("amount", "发放金额")
	if reason != "" {
		return s.reject(reason)
	}
	date, reason := s.date("date", "发放日期", true)
	if reason != "" {
		return s.reject(reason)
	}
	name := s.text("name")
	s.loaded()
	return s.sink.Card(s.src, &load.Card{
		Row: num, ID: id, IDValid: valid, Name: name, NameKey: normalize.Name(name),
		Item: s.text("item"), Township: s.text("township"), Village: s.text("village"),
		Status: status, Serial: s.text("serial"), Amount: amount, Date: date.Date,
	})
}

// failedSink is a Sink that also keeps failed payment rows (*load.Session
// does), so `paicha explain` can show them; the row stays counted as skipped.
type failedSink interface {
	CardSkipped(load.Source, *load.CardSkipped) error
}

// keepFailed hands a failed payment row to the sink, as far as it parses.
func (s *sheetReader) keepFailed(status string) error {
	fs, ok := s.sink.(failedSink)
	if !ok {
		return nil
	}
	id, _, _ := s.id()
	r := &load.CardSkipped{Row: s.row, ID: id, Name: s.text("name"), Item: s.text("item"), Status: status, Reason: "发放状态为“" + status + "”"}
	if amount, reason := s.money("amount", "发放金额"); reason == "" {
		r.Amount = load.OptFen{Fen: amount, Valid: true}
	}
	if d, reason := s.date("date", "发放日期", true); reason == "" {
		r.Date = d
	}
	return fs.CardSkipped(s.src, r)
}

// medical: one settlement (SPEC §3.2). 合规自付 is the column where present,
// otherwise policy_total − fund_pay − serious_pay − aid_pay, floored at 0
// unless policy_total is negative (a refund, which nets off).
func (s *sheetReader) medical(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	id, valid, reason := s.id()
	if reason != "" {
		return s.reject(reason)
	}
	date, reason := s.date("date", "结算日期", true)
	if reason != "" {
		return s.reject(reason)
	}
	var selfpay normalize.Fen
	if s.get("selfpay") != "" || !s.layout.Has("policy_total") {
		if selfpay, reason = s.money("selfpay", "合规自付"); reason != "" {
			return s.reject(reason)
		}
	} else {
		parts := [4]normalize.Fen{}
		for i, f := range []struct{ f, l string }{{"policy_total", "政策范围内费用"}, {"fund_pay", "统筹支付"}, {"serious_pay", "大病保险支付"}, {"aid_pay", "医疗救助支付"}} {
			if parts[i], reason = s.money(f.f, f.l); reason != "" {
				return s.reject(reason)
			}
		}
		selfpay = parts[0] - parts[1] - parts[2] - parts[3]
		if parts[0] >= 0 && selfpay < 0 {
			selfpay = 0
		}
	}
	name := s.text("name")
	s.loaded()
	return s.sink.Medical(s.src, &load.Medical{
		Row: num, ID: id, IDValid: valid, Name: name, NameKey: normalize.Name(name),
		Hospital: s.text("hospital"), Serial: s.text("serial"), Selfpay: selfpay, Date: date.Date,
	})
}

// household parses the household fields of the current row; reason is set
// when they cannot be used (every row of the household is then rejected).
func (s *sheetReader) household(key, no string) (*load.Household, string) {
	h := &load.Household{Row: s.row, Key: key, No: no, Township: s.text("township"), Village: s.text("village"),
		MonitorType: s.text("monitor_type")}
	raw := s.get("hh_type")
	typ, ok := normalize.HouseholdType(raw)
	if !ok {
		return nil, fmt.Sprintf("户类型“%s”不是脱贫户、监测户或一般户", clip(normalize.Fold(raw)))
	}
	h.Type = typ
	var reason string
	if h.MonitorSince, reason = s.date("monitor_since", "纳入监测时间", false); reason != "" {
		return nil, reason
	}
	yes := func(field string) load.OptBool {
		v, ok := normalize.YesNo(s.get(field))
		return load.OptBool{Value: v, Valid: ok}
	}
	h.Eliminated = load.OptBool{Value: yes("eliminated").Value, Valid: true} // blank = 否
	h.Fallback = load.OptBool{Value: yes("fallback").Value, Valid: true}
	h.Edu, h.Med, h.House, h.Water = yes("edu"), yes("med"), yes("house"), yes("water")
	if v := s.get("size_declared"); v != "" {
		n, ok := normalize.ParseInt(v)
		if !ok {
			return nil, fmt.Sprintf("家庭人口数“%s”不是整数", clip(v))
		}
		h.SizeDeclared = load.OptInt{Value: n, Valid: true}
	}
	for _, m := range []struct {
		dst          *normalize.Fen
		field, label string
	}{
		{&h.Wage, "wage", "工资性收入"}, {&h.Business, "business", "生产经营性收入"},
		{&h.BusinessCost, "business_cost", "生产经营性支出"}, {&h.Property, "property", "财产性收入"},
		{&h.Transfer, "transfer", "转移性收入"}, {&h.Claims, "claims", "理赔收入"}, {&h.Selfpay, "selfpay", "合规自付支出"},
	} {
		if *m.dst, reason = s.money(m.field, m.label); reason != "" {
			return nil, reason
		}
	}
	if h.PCDeclared, reason = s.optMoney("pc_declared", "人均纯收入"); reason != "" {
		return nil, reason
	}
	if h.PCLastYear, reason = s.optMoney("pc_last_year", "上年人均纯收入"); reason != "" {
		return nil, reason
	}
	return h, ""
}

// person parses the person fields of the current row.
func (s *sheetReader) person(hhKey string) (*load.Person, string) {
	id, valid, reason := s.id()
	if reason != "" {
		return nil, reason
	}
	status, ok := normalize.PersonStatus(s.get("status"))
	if !ok {
		return nil, fmt.Sprintf("人员状态“%s”无法识别（应为正常、死亡或迁出）", clip(s.get("status")))
	}
	statusDate, reason := s.date("status_date", "变动日期", false)
	if reason != "" && status != "正常" {
		return nil, reason
	}
	name := s.text("name")
	p := &load.Person{Row: s.row, HHKey: hhKey, ID: id, IDValid: valid, Name: name, NameKey: normalize.Name(name),
		Relation: header.Normalize(s.get("relation")), Labor: normalize.Labor(s.get("labor")),
		Health: normalize.Health(s.get("health")), Disability: normalize.DisabilityGrade(s.get("disability")),
		Status: status, StatusDate: statusDate}
	if bd, ok := normalize.BirthDate(id); ok {
		p.BirthDate = load.OptDate{Date: bd, Valid: true}
	}
	return p, ""
}

// surveyA: Layout A, one row per person; household fields stand on the
// household's first row and are carried down (SPEC §3.3). A household starts
// where the relation is 户主 or where 户编号 changes.
func (s *sheetReader) surveyA(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	no := s.text("hh_no")
	isHead := header.Normalize(s.get("relation")) == "户主"
	var starts bool
	switch {
	case !s.hh.started:
		starts = true
	case no != "":
		starts = no != s.hh.no
	case !s.layout.Has("hh_no"):
		starts = isHead
	default:
		// 户编号 is blank (a merged cell) so it has not changed: a second 户主
		// row inside the block starts a household only if it carries household
		// fields of its own; otherwise it is one more person listed there.
		starts = isHead && s.hasHouseholdFields()
	}
	if starts {
		s.hh.started, s.hh.no, s.hh.key, s.hh.reject = true, no, no, ""
		if no == "" {
			id, _, reason := s.id()
			if reason != "" {
				s.hh.reject = "户编号为空，且户主身份证号无法使用（" + reason + "）"
			}
			s.hh.key = id
		}
		if s.hh.reject == "" {
			h, reason := s.household(s.hh.key, no)
			if reason != "" {
				s.hh.reject = reason
			} else if err := s.sink.Household(s.src, h); err != nil {
				return err
			}
		}
	}
	if s.hh.reject != "" {
		return s.reject(s.hh.reject)
	}
	p, reason := s.person(s.hh.key)
	if reason != "" {
		return s.reject(reason)
	}
	s.loaded()
	return s.sink.Person(s.src, p)
}

// householdFields are the columns that stand on a household's first row.
var householdFields = []string{"township", "village", "hh_type", "monitor_type", "monitor_since", "size_declared", "wage", "business",
	"business_cost", "property", "transfer", "claims", "selfpay", "pc_declared", "pc_last_year", "edu", "med", "house", "water"}

func (s *sheetReader) hasHouseholdFields() bool {
	for _, f := range householdFields {
		if s.get(f) != "" {
			return true
		}
	}
	return false
}

// householdB: a Layout B household sheet, one row per household.
func (s *sheetReader) householdB(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	no := s.text("hh_no")
	if no == "" {
		return s.reject("户编号为空")
	}
	if _, dup := s.households[no]; dup {
		return s.reject("户编号在户信息表中重复")
	}
	h, reason := s.household(no, no)
	s.households[no] = reason
	if reason != "" {
		return s.reject(reason)
	}
	s.loaded()
	return s.sink.Household(s.src, h)
}

// personB: a Layout B person sheet, joined to its household on 户编号.
func (s *sheetReader) personB(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	no := s.text("hh_no")
	if no == "" {
		return s.reject("户编号为空")
	}
	why, ok := s.households[no]
	if !ok {
		return s.reject("户编号“" + clip(no) + "”不在户信息表中")
	}
	if why != "" {
		return s.reject(why)
	}
	p, reason := s.person(no)
	if reason != "" {
		return s.reject(reason)
	}
	s.loaded()
	return s.sink.Person(s.src, p)
}
