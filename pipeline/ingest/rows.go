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
	cols   [][]int // each field's columns (fieldCols)
	src    load.Source
	cells  []string // the current row
	row    int

	// Layout A: the household the current row belongs to.
	hh struct {
		started bool
		no, key string
		reject  string // non-empty: every row of this household is rejected
	}
	// Layout B: 户编号 → the household's key, or why it was rejected.
	households map[string]layoutB

	// Survey sheets: what the reading keeps across rows (survey.go), the
	// Layout A household being read, and quiet: a household re-read at its
	// end counts nothing twice.
	sv      *surveySheet
	pending *pendingHousehold
	quiet   bool

	maxCells, cellCount int64 // --max-cells, and the cells seen so far

	// openSink opens another sink for a worker of a big sheet (nil: the
	// workers share sink under a lock).
	openSink func(context.Context) (Sink, func() error, error)
	// damage is, when the rows were parsed apart (runChunks), the rows
	// holding bytes invalid in the file's encoding and the first of them;
	// nil: the workbook counted them (Damage).
	damage *[2]int

	// The last answers of the parses, for the next row's cell to reuse when
	// it is the same. Each worker of a sheet has its own (runParallel).
	memo *cellMemo

	// The record handed to the sink, reused row after row: a payment
	// export is millions of rows, and a record that escapes to the sink
	// would cost an allocation each.
	cardRec    load.Card
	medicalRec load.Medical
}

// cellMemo is a sheetReader's last answers of text and date (per field),
// id, the name key and whether a payment status is a failure.
type cellMemo struct {
	folded  []lastCell[string]
	dates   []lastCell[load.OptDate]
	id      lastCell[parsedID]
	nameKey lastCell[string]
	failed  lastCell[bool]
}

func (s *sheetReader) memos() *cellMemo {
	if s.memo == nil {
		s.memo = &cellMemo{folded: make([]lastCell[string], len(fieldNames)), dates: make([]lastCell[load.OptDate], len(fieldNames))}
	}
	return s.memo
}

// forgetCells lets go of the strings of the rows read so far (the last
// cells the memos hold, the current row), before their chunk is read into
// again.
func (s *sheetReader) forgetCells() {
	s.cells = nil
	if m := s.memo; m != nil {
		clear(m.folded)
		clear(m.dates)
		m.id, m.nameKey, m.failed = lastCell[parsedID]{}, lastCell[string]{}, lastCell[bool]{}
	}
}

// lastCell remembers the last two different cells a parse was asked for,
// and their answers: an export's rows come sorted (a person's payments one
// after another, a village's people together), so a cell often repeats one
// of the two above. The strings stay valid: a row's cells are never written
// to again.
type lastCell[T any] = normalize.Recent[string, T]

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

// damaged reports the sheet's rows holding bytes invalid in its file's
// encoding, and the first of them.
func (s *sheetReader) damaged(wb read.Workbook, sheet string) (rows, first int) {
	if s.damage != nil {
		return s.damage[0], s.damage[1]
	}
	if d, ok := wb.(interface{ Damage(string) (int, int) }); ok {
		return d.Damage(sheet)
	}
	return 0, 0
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
func (s *sheetReader) get(f field) string {
	for _, c := range s.cols[f] {
		if c < len(s.cells) {
			if v := normalize.TrimSpace(s.cells[c]); v != "" {
				return v
			}
		}
	}
	return ""
}

// text is a folded text field (names of places, items, statuses).
func (s *sheetReader) text(f field) string {
	return s.memos().folded[f].Of(s.get(f), normalize.Fold)
}

// nameKeyOf is normalize.FoldedName of a folded name.
func (s *sheetReader) nameKeyOf(name string) string {
	return s.memos().nameKey.Of(name, normalize.FoldedName)
}

// has reports whether the sheet has a column for f.
func (s *sheetReader) has(f field) bool { return len(s.cols[f]) > 0 }

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
	if s.get(fID) != "" {
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
	raw := s.get(fID)
	if raw == "" {
		return "", false, "身份证号为空"
	}
	p := s.memos().id.Of(raw, parseID)
	return p.id, p.valid, p.reason
}

type parsedID struct {
	id     string
	valid  bool
	reason string
}

func parseID(raw string) parsedID {
	id, valid, err := normalize.ID(raw)
	if err != nil {
		var ie *normalize.IDError
		if errors.As(err, &ie) {
			return parsedID{reason: ie.Reason}
		}
		return parsedID{reason: "身份证号无法识别"}
	}
	return parsedID{id: id, valid: valid}
}

func (s *sheetReader) money(f field, label string) (normalize.Fen, string) {
	fen, err := normalize.ParseMoney(s.get(f))
	if err != nil {
		return 0, fmt.Sprintf("%s“%s”不是金额", label, clip(s.get(f)))
	}
	return fen, ""
}

func (s *sheetReader) optMoney(f field, label string) (load.OptFen, string) {
	if s.get(f) == "" {
		return load.OptFen{}, ""
	}
	fen, reason := s.money(f, label)
	return load.OptFen{Fen: fen, Valid: reason == ""}, reason
}

func (s *sheetReader) date(f field, label string, required bool) (load.OptDate, string) {
	raw := s.get(f)
	if raw == "" {
		if required {
			return load.OptDate{}, label + "为空"
		}
		return load.OptDate{}, ""
	}
	d := s.memos().dates[f].Of(raw, parseDate)
	if !d.Valid {
		return load.OptDate{}, fmt.Sprintf("%s“%s”不是日期", label, clip(raw))
	}
	return d, ""
}

func parseDate(raw string) load.OptDate {
	d, err := normalize.ParseDate(raw)
	return load.OptDate{Date: d, Valid: err == nil}
}

// clip keeps a quoted cell short and never shows a whole ID number.
func clip(v string) string {
	if len([]rune(v)) > 30 {
		v = string([]rune(v)[:30]) + "…"
	}
	return normalize.MaskIDs(v)
}

// card: one 一卡通 payment (SPEC §3.1).
func (s *sheetReader) card(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	status := s.text(fStatus)
	if s.memos().failed.Of(status, normalize.PaymentFailed) {
		if err := s.keepFailed(status); err != nil {
			return err
		}
		return s.skip(SkipFailed)
	}
	id, valid, reason := s.id()
	if reason != "" {
		return s.reject(reason)
	}
	amount, reason := s.money(fAmount, "发放金额")
	if reason != "" {
		return s.reject(reason)
	}
	date, reason := s.date(fDate, "发放日期", true)
	if reason != "" {
		return s.reject(reason)
	}
	name := s.text(fName)
	s.loaded()
	s.cardRec = load.Card{
		Row: num, ID: id, IDValid: valid, Name: name, NameKey: s.nameKeyOf(name),
		Item: s.text(fItem), Township: s.text(fTownship), Village: s.text(fVillage),
		Status: status, Serial: s.text(fSerial), Amount: amount, Date: date.Date,
	}
	return s.sink.Card(s.src, &s.cardRec)
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
	r := &load.CardSkipped{Row: s.row, ID: id, Name: s.text(fName), Item: s.text(fItem), Status: status, Reason: "发放状态为“" + status + "”"}
	if amount, reason := s.money(fAmount, "发放金额"); reason == "" {
		r.Amount = load.OptFen{Fen: amount, Valid: true}
	}
	if d, reason := s.date(fDate, "发放日期", true); reason == "" {
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
	date, reason := s.date(fDate, "结算日期", true)
	if reason != "" {
		return s.reject(reason)
	}
	var selfpay normalize.Fen
	if s.get(fSelfpay) != "" || !s.has(fPolicyTotal) {
		if selfpay, reason = s.money(fSelfpay, "合规自付"); reason != "" {
			return s.reject(reason)
		}
	} else {
		parts := [4]normalize.Fen{}
		for i, f := range []struct {
			f field
			l string
		}{{fPolicyTotal, "政策范围内费用"}, {fFundPay, "统筹支付"}, {fSeriousPay, "大病保险支付"}, {fAidPay, "医疗救助支付"}} {
			if parts[i], reason = s.money(f.f, f.l); reason != "" {
				return s.reject(reason)
			}
		}
		selfpay = parts[0] - parts[1] - parts[2] - parts[3]
		if parts[0] >= 0 && selfpay < 0 {
			selfpay = 0
		}
	}
	name := s.text(fName)
	s.loaded()
	s.medicalRec = load.Medical{
		Row: num, ID: id, IDValid: valid, Name: name, NameKey: s.nameKeyOf(name),
		Hospital: s.text(fHospital), Serial: s.text(fSerial), Selfpay: selfpay, Date: date.Date,
	}
	return s.sink.Medical(s.src, &s.medicalRec)
}

// household parses the household fields of the current row; reason is set
// when they cannot be used (every row of the household is then rejected).
func (s *sheetReader) household(key, no string) (*load.Household, string) {
	h := &load.Household{Row: s.row, Key: key, No: no, Township: s.text(fTownship), Village: s.text(fVillage)}
	if v := s.get(fMonitorType); v != "" {
		// a 监测对象类别 outside the three counts as blank: not monitored (SPEC §3)
		if h.MonitorType = normalize.MonitorType(v); h.MonitorType == "" {
			s.unknownValue("监测对象类别", v)
		}
	}
	raw := s.get(fHHType)
	typ, ok := normalize.HouseholdType(raw)
	if !ok {
		return nil, fmt.Sprintf("户类型“%s”不是脱贫户、监测户或一般户", clip(normalize.Fold(raw)))
	}
	h.Type = typ
	var reason string
	// A date or size that cannot be read counts as blank (SPEC §3): the
	// household stays, and C_MONITOR_DATE reports a monitored one.
	h.MonitorSince = s.lenientDate(fMonitorSince, "识别监测时间")
	h.Eliminated = load.OptBool{Value: s.yesNoValue(fEliminated, "风险是否已消除").Value, Valid: true} // blank = 否
	h.Fallback = load.OptBool{Value: s.yesNoValue(fFallback, "整户无劳动能力兜底保障户").Value, Valid: true}
	s.guaranteesOf(h)
	if v := s.get(fSizeDeclared); v != "" {
		if n, ok := normalize.ParseInt(v); ok {
			h.SizeDeclared = load.OptInt{Value: n, Valid: true}
		} else {
			s.unknownValue("家庭人口数", v)
		}
	}
	s.extraHousehold(h)
	for _, m := range []struct {
		dst   *normalize.Fen
		field field
		label string
	}{
		{&h.Wage, fWage, "工资性收入"}, {&h.Business, fBusiness, "生产经营性收入"},
		{&h.BusinessCost, fBusinessCost, "生产经营性支出"}, {&h.Property, fProperty, "财产性收入"},
		{&h.Transfer, fTransfer, "转移性收入"}, {&h.Claims, fClaims, "理赔收入"}, {&h.Selfpay, fSelfpay, "合规自付支出"},
	} {
		if *m.dst, reason = s.money(m.field, m.label); reason != "" {
			return nil, reason
		}
	}
	if h.PCDeclared, reason = s.optMoney(fPCDeclared, "人均纯收入"); reason != "" {
		return nil, reason
	}
	if h.PCLastYear, reason = s.optMoney(fPCLastYear, "上年人均纯收入"); reason != "" {
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
	// A status outside 正常, 死亡, 迁出 (注销, 自然减少, 失踪 …) takes the
	// person out of M as written, and is counted (SPEC §3.3).
	status, ok := normalize.PersonStatus(s.get(fStatus))
	if !ok {
		status = normalize.Compact(s.get(fStatus))
		s.unknownValue("人员状态", s.get(fStatus))
	}
	var statusDate load.OptDate
	if status != normalize.StatusNormal {
		statusDate = s.lenientDate(fStatusDate, "变动日期")
	} else {
		statusDate, _ = s.date(fStatusDate, "变动日期", false)
	}
	name := s.text(fName)
	p := &load.Person{Row: s.row, HHKey: hhKey, ID: id, IDValid: valid, Name: name, NameKey: s.nameKeyOf(name),
		Relation: normalize.Relation(s.get(fRelation)), Labor: normalize.Labor(s.get(fLabor)),
		Health: normalize.Health(s.get(fHealth)), Status: status, StatusDate: statusDate}
	if p.Labor == "" && s.get(fLabor) != "" {
		s.unknownValue("劳动技能", s.get(fLabor))
	}
	if p.Health == "" && s.get(fHealth) != "" {
		s.unknownValue("健康状况", s.get(fHealth))
	}
	if s.has(fDisability) {
		if v := s.get(fDisability); v != "" {
			if p.Disability = normalize.DisabilityGrade(v); p.Disability == 0 && !noGrade(v) {
				s.unknownValue("残疾等级", v)
			}
		}
	}
	if bd, ok := normalize.BirthDate(id); ok {
		p.BirthDate = load.OptDate{Date: bd, Valid: true}
	}
	s.extraPerson(p)
	return p, ""
}

// surveyA: Layout A, one row per person; household fields stand on the
// household's first row and are carried down (SPEC §3.3). A household starts
// where the relation is 户主 or where 户编号 changes.
func (s *sheetReader) surveyA(cells []string, num int) error {
	if s.summaryRow() {
		return s.skip(SkipSummary)
	}
	no := s.text(fHHNo)
	isHead := normalize.Relation(s.get(fRelation)) == "户主"
	var starts bool
	switch {
	case !s.hh.started:
		starts = true
	case no != "":
		starts = no != s.hh.no
	case !s.has(fHHNo):
		starts = isHead
	default:
		// 户编号 is blank (a merged cell) so it has not changed: a second 户主
		// row inside the block starts a household only if it carries household
		// fields of its own; otherwise it is one more person listed there.
		starts = isHead && s.hasHouseholdFields()
	}
	if starts {
		if err := s.flushHousehold(); err != nil {
			return err
		}
		s.hh.started, s.hh.no, s.hh.reject = true, no, ""
		if no == "" {
			id, _, reason := s.id()
			if reason != "" {
				s.hh.reject = "户编号为空，且户主身份证号无法使用（" + reason + "）"
			}
			s.hh.key = id
		} else {
			s.hh.key = s.householdKey(no)
		}
		if s.hh.reject == "" {
			h, reason := s.household(s.hh.key, no)
			if reason != "" {
				s.hh.reject = reason
			} else {
				s.pending = &pendingHousehold{h: h, cells: append([]string(nil), cells...), row: num}
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
	if !starts {
		if err := s.mergeRow(p.ID); err != nil {
			return err
		}
	}
	s.loaded()
	return s.sink.Person(s.src, p)
}

// householdFields are the columns that stand on a household's first row.
var householdFields = []field{fTownship, fVillage, fHHType, fMonitorType, fMonitorSince, fSizeDeclared, fWage, fBusiness, fBusinessCost, fProperty, fTransfer, fClaims, fSelfpay, fPCDeclared, fPCLastYear, fEdu, fMed, fHouse, fWater}

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
	no := s.text(fHHNo)
	if no == "" {
		return s.reject("户编号为空")
	}
	if _, dup := s.households[no]; dup {
		return s.reject("户编号在户信息表中重复")
	}
	key := s.householdKey(no)
	h, reason := s.household(key, no)
	s.households[no] = layoutB{key: key, reject: reason}
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
	no := s.text(fHHNo)
	if no == "" {
		return s.reject("户编号为空")
	}
	hh, ok := s.households[no]
	if !ok {
		return s.reject("户编号“" + clip(no) + "”不在户信息表中")
	}
	if hh.reject != "" {
		return s.reject(hh.reject)
	}
	p, reason := s.person(hh.key)
	if reason != "" {
		return s.reject(reason)
	}
	s.loaded()
	return s.sink.Person(s.src, p)
}

// layoutB is a Layout B household as its person sheet needs it.
type layoutB struct{ key, reject string }
