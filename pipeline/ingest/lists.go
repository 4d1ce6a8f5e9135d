package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/paicha/paicha/pipeline/header"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
)

// The department lists of SPEC §3.5: each a kind of its own, read like card
// and medical (header sniffing, ID normalisation, rejects, accounting), row
// by row on one sink (they are small).
const (
	Police     Kind = "police"
	Aid        Kind = "aid"
	Disability Kind = "disability"
	School     Kind = "school"
)

// DeptKinds are the department lists' kinds in the order --in tries them
// (SPEC §3.5), after survey, medical and card.
var DeptKinds = []Kind{Police, Aid, Disability, School}

// ListKind is the kind of a [[lists]] block's files ("list:<code>").
func ListKind(code string) Kind { return Kind("list:" + code) }

// ListCode is the block's code of a [[lists]] kind.
func (k Kind) ListCode() (string, bool) { return strings.CutPrefix(string(k), "list:") }

// Skip reasons of the department lists, counted in summary.json (SPEC §9).
const (
	SkipReason      = "reason"       // police: a change other than 死亡 or 迁出, or a 迁出 to school or 分户
	SkipCategory    = "category"     // aid: no 低保, 特困 or 临时救助 category
	SkipNotSurveyed = "not_surveyed" // [[lists]]: the ID is in no survey household; never loaded
)

// ListInput is what reading a [[lists]] block's file needs besides the file.
type ListInput struct {
	Code        string
	Where, Date []string // the block's header names
	// Surveyed tells whether an ID is in a survey household: only those
	// rows are loaded (SPEC §9, privacy of department lists).
	Surveyed func(id string) bool
}

// deptSink is a Sink that also takes the department lists (*load.Session
// does).
type deptSink interface {
	Police(load.Source, *load.Police) error
	Aid(load.Source, *load.Aid) error
	Disability(load.Source, *load.Disability) error
	School(load.Source, *load.School) error
	ListRow(load.Source, *load.ListRow) error
}

// The fields the department lists' rows read (header.Police … header.List).
var (
	fChange        = newField("change")
	fChangeDate    = newField("change_date")
	fMoveReason    = newField("move_reason")
	fDestination   = newField("destination")
	fHeadID        = newField("head_id")
	fAidCategory   = newField("aid_category")
	fAidStart      = newField("aid_start")
	fAidEnd        = newField("aid_end")
	fAidAmount     = newField("aid_amount")
	fAidMembers    = newField("aid_members")
	fCertificate   = newField("certificate")
	fDisCategory   = newField("dis_category")
	fDisGrade      = newField("dis_grade")
	fIssued        = newField("issued")
	fDropoutReason = newField("dropout_reason")
	fEduStage      = newField("edu_stage")
	fSchoolName    = newField("school_name")
	fListWhere     = newField("list_where")
	fListDate      = newField("list_date")
)

// deptFits checks a department list's required columns (SPEC §3.5). named:
// the file or sheet name says 辍学 (a school sheet with neither a dropout nor
// a stage column is then a dropout list).
func deptFits(k Kind, l *header.Layout, fs header.Fields, named bool) string {
	need := func(field, label string) string {
		return fmt.Sprintf("缺少必需的列「%s」（可用的列名：%s）", label, strings.Join(fs.Tried(field), "、"))
	}
	var miss []string
	switch k {
	case Police:
		for _, f := range []struct{ f, l string }{{"id", "身份证号"}, {"change", "注销原因"}, {"change_date", "注销日期"}} {
			if !l.Has(f.f) {
				miss = append(miss, need(f.f, f.l))
			}
		}
	case Aid:
		if !l.Has("id") && !l.Has("head_id") {
			miss = append(miss, need("id", "身份证号"))
		}
		if !l.Has("aid_category") {
			miss = append(miss, need("aid_category", "保障类别"))
		}
	case Disability:
		if !l.Has("id") && !l.Has("certificate") {
			miss = append(miss, need("id", "身份证号")+"，或「残疾人证号」")
		}
		if !l.Has("dis_category") && !l.Has("dis_grade") && !l.Has("certificate") {
			miss = append(miss, need("dis_grade", "残疾等级")+"，或「残疾类别」「残疾人证号」")
		}
	case School:
		if !l.Has("id") {
			miss = append(miss, need("id", "身份证号"))
		}
		if !l.Has("dropout_reason") && !l.Has("edu_stage") && !named {
			miss = append(miss, need("dropout_reason", "辍学原因")+"，或「学段」（"+strings.Join(fs.Tried("edu_stage"), "、")+
				"），或文件名、工作表名含“辍学”")
		}
	default: // a [[lists]] block
		if !l.Has("id") {
			miss = append(miss, need("id", "身份证号"))
		}
		if len(fs.Tried("list_where")) > 0 && !l.Has("list_where") {
			miss = append(miss, need("list_where", "筛选列")+"（配置文件 [[lists]] 的 where.column）")
		}
	}
	return strings.Join(miss, "；")
}

// deptRow is the row function of a department list's sheet.
func (s *sheetReader) deptRow(k Kind) func([]string, int) error {
	switch k {
	case Police:
		return s.police
	case Aid:
		return s.aid
	case Disability:
		return s.disability
	case School:
		return s.school
	}
	return s.listRow
}

// listReject rejects a department list's row showing only the reason and the
// masked ID, never its other cells (SPEC §9, privacy of department lists).
func (s *sheetReader) listReject(reason string) error {
	s.acc.Rejected++
	raw := ""
	if v := s.get(fID); v != "" {
		raw = normalize.MaskIDs(v)
	}
	return s.sink.Reject(s.src, &load.Reject{Row: s.row, Kind: s.acc.Kind.Label(), Reason: reason, Raw: raw})
}

// idOf parses an ID from the first of fields that has one.
func (s *sheetReader) idOf(fields ...field) (id string, valid bool, reason string, from field) {
	for _, f := range fields {
		if raw := s.get(f); raw != "" {
			p := s.memos().id.Of(raw, parseID)
			return p.id, p.valid, p.reason, f
		}
	}
	return "", false, "身份证号为空", -1
}

// listDate reads a list's date, also one known only to the month
// (2023-03, 2023年3月): as its first day, or with end as its last.
func (s *sheetReader) listDate(f field, label string, end bool) (load.OptDate, string) {
	raw := s.get(f)
	if raw == "" {
		return load.OptDate{}, ""
	}
	// first: 202108 is a month, not an Excel serial
	if d, ok := monthOnly(raw, end); ok {
		return load.OptDate{Date: d, Valid: true}, ""
	}
	return s.date(f, label, false)
}

// monthOnly reads YYYY-MM, YYYY/MM, YYYY.MM, YYYY年M月 and YYYYMM.
func monthOnly(raw string, end bool) (normalize.Date, bool) {
	s := strings.TrimSuffix(normalize.Fold(raw), "月")
	var y, m int
	for _, sep := range []string{"-", "/", ".", "年"} {
		if a, b, ok := strings.Cut(s, sep); ok {
			y, m = atoiAll(a), atoiAll(b)
			break
		}
	}
	if y == 0 && len(s) == 6 {
		y, m = atoiAll(s[:4]), atoiAll(s[4:])
	}
	if y < 1900 || y > 2100 || m < 1 || m > 12 {
		return 0, false
	}
	if end {
		return normalize.DateOf(y, time.Month(m)+1, 1) - 1, true
	}
	return normalize.DateOf(y, time.Month(m), 1), true
}

// atoiAll is the number s spells in ASCII digits, or -1.
func atoiAll(s string) int {
	if s == "" {
		return -1
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1e6 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// police: one 公安 row. Only 死亡 and 迁出 are kept; a 迁出 for school or to
// set up a household of one's own (升学, 就学, 学校, 分户) is not a change of
// the family and is skipped and counted.
func (s *sheetReader) police(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	id, valid, reason := s.id()
	if reason != "" {
		return s.listReject(reason)
	}
	changeRaw := s.get(fChange)
	change := normalize.Fold(changeRaw)
	moveReason, dest := s.text(fMoveReason), s.text(fDestination)
	switch {
	case strings.Contains(change, "死亡"):
		change = "死亡"
	case strings.Contains(change, "迁出"):
		for _, w := range []string{"升学", "就学", "学校", "分户"} {
			if strings.Contains(change+moveReason+dest, w) {
				return s.skip(SkipReason)
			}
		}
		change = "迁出"
	default:
		return s.skip(SkipReason)
	}
	date, reason := s.listDate(fChangeDate, "变动日期", true)
	if reason != "" {
		return s.listReject(reason)
	}
	r := load.Police{Row: num, ID: id, IDValid: valid, Name: s.text(fName), Change: change, Date: date,
		Reason: strings.Trim(changeRaw+"，"+moveReason, "，"), Destination: dest,
		Township: s.text(fTownship), Village: s.text(fVillage)}
	s.loaded()
	return s.sink.(deptSink).Police(s.src, &r)
}

// aidCategory reads a 民政 category (SPEC §3.5): 临时救助 (also by the file or
// sheet name), 低保 (not 低保边缘), 特困; "" for none.
func aidCategory(cell string, tempByName bool) string {
	switch {
	case tempByName || strings.Contains(cell, "临时救助") || strings.Contains(cell, "急难") || strings.Contains(cell, "支出型"):
		return "临时救助"
	case strings.Contains(cell, "低保") && !strings.Contains(cell, "边缘"):
		return "低保"
	case strings.Contains(cell, "特困") || strings.Contains(cell, "供养"):
		return "特困"
	}
	return ""
}

// aid: one 民政 row.
func (s *sheetReader) aid(cells []string, num int) error {
	if s.get(fID) == "" && s.get(fHeadID) == "" && s.summaryRow() {
		return s.skip(SkipSummary)
	}
	id, valid, reason, from := s.idOf(fID, fHeadID)
	if reason != "" {
		return s.listReject(reason)
	}
	raw := s.text(fAidCategory)
	cat := aidCategory(raw, s.tempAid)
	if cat == "" {
		return s.skip(SkipCategory)
	}
	start, reason := s.listDate(fAidStart, "起始日期", false)
	if reason != "" {
		return s.listReject(reason)
	}
	end, reason := s.listDate(fAidEnd, "终止日期", true)
	if reason != "" {
		return s.listReject(reason)
	}
	amount, reason := s.optMoney(fAidAmount, "保障金额")
	if reason != "" {
		return s.listReject(reason)
	}
	r := load.Aid{Row: num, ID: id, IDValid: valid, Name: s.text(fName), Category: cat, CategoryRaw: raw,
		WholeHousehold: from == fHeadID || s.has(fAidMembers), Start: start, End: end, Amount: amount,
		Township: s.text(fTownship), Village: s.text(fVillage)}
	s.loaded()
	return s.sink.(deptSink).Aid(s.src, &r)
}

// The 残疾类别 a 残疾人证号's 19th character codes (GB/T 26341).
var disabilityCategories = [...]string{"", "视力", "听力", "言语", "肢体", "智力", "精神", "多重"}

// certificate reads the category and grade a 20/22-character 残疾人证号
// codes after the ID (0 where it has none).
func certificate(raw string) (category, grade int) {
	s := normalize.Fold(raw)
	s = strings.NewReplacer(" ", "", "-", "").Replace(s)
	if len(s) < 20 {
		return 0, 0
	}
	c, g := int(s[18]-'0'), int(s[19]-'0')
	if c < 1 || c > 7 {
		c = 0
	}
	if g < 1 || g > 4 {
		g = 0
	}
	return c, g
}

// disability: one 残联 row. The grade is the 残疾等级 column's, else the
// 证号's.
func (s *sheetReader) disability(cells []string, num int) error {
	if s.get(fID) == "" && s.get(fCertificate) == "" && s.summaryRow() {
		return s.skip(SkipSummary)
	}
	id, valid, reason, from := s.idOf(fID, fCertificate)
	if reason != "" {
		return s.listReject(reason)
	}
	cat, grade := s.text(fDisCategory), normalize.DisabilityGrade(s.get(fDisGrade))
	for _, f := range []field{fCertificate, from} {
		if c, g := certificate(s.get(f)); c > 0 || g > 0 {
			if grade == 0 {
				grade = g
			}
			if cat == "" {
				cat = disabilityCategories[c]
			}
		}
	}
	issued, reason := s.listDate(fIssued, "发证日期", false)
	if reason != "" {
		return s.listReject(reason)
	}
	r := load.Disability{Row: num, ID: id, IDValid: valid, Name: s.text(fName), Category: cat, Grade: grade,
		Issued: issued, Township: s.text(fTownship), Village: s.text(fVillage)}
	s.loaded()
	return s.sink.(deptSink).Disability(s.src, &r)
}

// school: one 教育 row: a dropout when its dropout column is filled, or when
// the sheet has neither a dropout nor a stage column and its file or sheet
// name says 辍学 (SPEC §9); else enrolment.
func (s *sheetReader) school(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	id, valid, reason := s.id()
	if reason != "" {
		return s.listReject(reason)
	}
	why := s.text(fDropoutReason)
	dropout := why != "" || (!s.has(fDropoutReason) && !s.has(fEduStage) && s.dropoutNamed)
	r := load.School{Row: num, ID: id, IDValid: valid, Name: s.text(fName), Dropout: dropout, Reason: why,
		Stage: s.text(fEduStage), School: s.text(fSchoolName), Township: s.text(fTownship), Village: s.text(fVillage)}
	s.loaded()
	return s.sink.(deptSink).School(s.src, &r)
}

// listRow: one row of a [[lists]] file, loaded only when its ID is in a
// survey household; its where cell is kept folded (SPEC §3.5: in/not_in
// match the cell normalised as in §3).
func (s *sheetReader) listRow(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	id, _, reason := s.id()
	if reason != "" {
		return s.listReject(reason)
	}
	if s.list == nil || s.list.Surveyed == nil || !s.list.Surveyed(id) {
		return s.skip(SkipNotSurveyed)
	}
	date, reason := s.listDate(fListDate, "日期", false)
	if reason != "" {
		return s.listReject(reason)
	}
	r := load.ListRow{Row: num, Code: s.list.Code, ID: id, Name: s.text(fName), Date: date,
		Where: s.text(fListWhere), HasWhere: len(s.list.Where) > 0}
	s.loaded()
	return s.sink.(deptSink).ListRow(s.src, &r)
}
