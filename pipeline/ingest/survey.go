package ingest

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
)

// The survey's SPEC §3.3.1 reading: the household key, the guarantees'
// status and measure columns, household fields repeated on every member row
// (taken from the first, the differing ones reported), and the fields the
// national monitoring system's export adds. Work for a column happens only
// where the sheet has it: the village forms, most of a county, pay nothing
// for the export's columns.

// surveySink is a Sink that also takes what a survey sheet has and what its
// reading found (*load.Session does).
type surveySink interface {
	SheetField(load.Source, *load.SheetField) error
	SurveyIssue(load.Source, *load.SurveyIssue) error
}

// Guarantees, in the order of the household table's g_* columns.
const (
	gEdu = iota
	gMed
	gHouse
	gWater
)

var guarantees = [4]struct {
	named   field  // the column named like the guarantee (§3.3)
	column  string // g_*
	measure string // the m_* column a named column is when it holds measures ("" for med)
	label   string // for g_source
	header  string // the named column's header
}{
	{fEdu, "g_edu", "m_compulsory_edu", "义务教育", "义务教育保障"},
	{fMed, "g_med", "", "基本医疗", "基本医疗保障"},
	{fHouse, "g_house", "m_housing", "住房安全", "住房安全保障"},
	{fWater, "g_water", "m_water", "饮水安全", "饮水安全保障"},
}

// surveySheet is what a survey sheet's reading keeps across its rows.
type surveySheet struct {
	sink          surveySink // nil: the sink keeps neither
	hasProblem    [4]bool    // a §3.3.1 status column gives the guarantee
	named         [4]struct{ vocab, other int }
	hhFields      []int // indexes into hhDescs of the fields the sheet has
	incomeMissing bool  // none of 工资性, 生产经营性, 财产性, 转移性收入
	extraPerson   bool  // any of the §3.3.1 person columns
	certificates  bool  // a 20/22-character 残疾人证号 was seen
	unknown       map[unknownKey]*UnknownValue
	gKey          [9]string // the guarantee cells of the last g_source written
	gSource       string
	err           error              // the sink's failure to take a finding
	canon         []string           // per hhDescs, the pending household's first values normalised (pendingHousehold.canoned)
	canonMemo     []lastCell[string] // per hhDescs, the last values normalised
}

type unknownKey struct{ column, value string }

// UnknownValue is a survey value outside its field's list, kept as blank and
// counted (SPEC §3 unknown_values), with the first row that has it.
type UnknownValue struct {
	Column   string `json:"column"`
	Value    string `json:"value"`
	Count    int    `json:"count"`
	FirstRow int    `json:"first_row"`
}

func (s *sheetReader) initSurvey() {
	sv := &surveySheet{}
	sv.sink, _ = s.sink.(surveySink)
	sv.hasProblem = [4]bool{s.has(fEduProblem), s.has(fMedProblem), s.has(fHouseProblem), s.has(fWaterSolved) || s.has(fWaterProblem)}
	for i, d := range hhDescs {
		if s.has(d.f) {
			sv.hhFields = append(sv.hhFields, i)
		}
	}
	sv.incomeMissing = !s.has(fWage) && !s.has(fBusiness) && !s.has(fProperty) && !s.has(fTransfer)
	for _, f := range []field{fSex, fSchool, fEduLevel, fNoSchool, fInsResident, fInsEmployee, fPension, fDibao, fTekun, fWelfareJob} {
		sv.extraPerson = sv.extraPerson || s.has(f)
	}
	s.sv = sv
}

// unknownValue counts a value outside its field's list.
func (s *sheetReader) unknownValue(column, value string) {
	if s.quiet || s.sv == nil {
		return
	}
	if s.sv.unknown == nil {
		s.sv.unknown = map[unknownKey]*UnknownValue{}
	}
	k := unknownKey{column, clip(value)}
	u := s.sv.unknown[k]
	if u == nil {
		u = &UnknownValue{Column: k.column, Value: k.value, FirstRow: s.row}
		s.sv.unknown[k] = u
	}
	u.Count++
}

// issue records a finding of the reading. A sink's failure is kept for
// finishSurvey, which ends the run with it.
func (s *sheetReader) issue(r *load.SurveyIssue) {
	if s.quiet || s.sv.sink == nil || s.sv.err != nil {
		return
	}
	s.sv.err = s.sv.sink.SurveyIssue(s.src, r)
}

// guaranteesOf sets the household's guarantees, the 3 measure columns named
// like one and g_source (SPEC §3.3.1): (1) the status column with its
// polarity, blank = no problem recorded = 是; (2) else the column named like
// the guarantee, if its value is 是/否 (most of the sheet's values decide,
// at the end of the sheet, whether it is a status or a measure column:
// load.DB.Finish settles the households); (3) else unknown.
func (s *sheetReader) guaranteesOf(h *load.Household) {
	// g_source repeats from household to household (是 four times on most
	// village forms): it is written once per different set of cells.
	key := [...]string{s.get(fEdu), s.get(fMed), s.get(fHouse), s.get(fWater),
		s.get(fEduProblem), s.get(fMedProblem), s.get(fHouseProblem), s.get(fWaterSolved), s.get(fWaterProblem)}
	reuse := s.sv.gSource != "" && key == s.sv.gKey
	var src [4]string
	dst := [4]*load.OptBool{&h.Edu, &h.Med, &h.House, &h.Water}
	for g, gd := range guarantees {
		named := ""
		if s.has(gd.named) {
			named = s.get(gd.named)
			if named != "" {
				if yes, ok := normalize.YesNo(named); ok {
					if !s.quiet {
						s.sv.named[g].vocab++
					}
					if !s.sv.hasProblem[g] {
						*dst[g] = load.OptBool{Value: yes, Valid: true}
						if !reuse {
							src[g] = gd.label + "：" + gd.header + "=" + named
						}
					}
				} else {
					if !s.quiet {
						s.sv.named[g].other++
					}
					if gd.measure != "" {
						h.Measures[measureIndex(gd.named)] = named
					}
					if !s.sv.hasProblem[g] {
						src[g] = gd.label + "：" + gd.header + "=" + named + "（无法识别，未知）"
						s.issue(&load.SurveyIssue{Row: s.row, HHKey: h.Key, Code: "C_GUARANTEE_VALUE", Field: gd.column, Value: named})
					}
				}
			}
		}
		if s.sv.hasProblem[g] {
			v, text, bad := s.problemStatus(g)
			if bad == "" {
				*dst[g] = load.OptBool{Value: v, Valid: true}
			} else {
				s.issue(&load.SurveyIssue{Row: s.row, HHKey: h.Key, Code: "C_GUARANTEE_VALUE", Field: gd.column, Value: bad})
			}
			src[g] = gd.label + "：" + text
		} else if !reuse && src[g] == "" {
			src[g] = gd.label + "：未知（无状态列或为空）"
		}
	}
	if reuse {
		h.GSource = s.sv.gSource
		return
	}
	h.GSource = strings.Join(src[:], "；")
	s.sv.gKey, s.sv.gSource = key, h.GSource
}

// problemStatus reads a guarantee's §3.3.1 status columns: bad is a value
// outside 是/否 (the guarantee is then unknown). text says which column and
// value gave it.
func (s *sheetReader) problemStatus(g int) (guaranteed bool, text, bad string) {
	type col struct {
		f       field
		name    string
		problem bool // the value that means a problem: 是 (true) or 否 (false)
	}
	var cols []col
	switch g {
	case gEdu:
		cols = []col{{fEduProblem, "是否义务教育阶段适龄儿童少年失学辍学", true}}
	case gMed:
		cols = []col{{fMedProblem, "是否有家庭成员未参加城乡居民（职工）基本医疗保险", true}}
	case gHouse:
		cols = []col{{fHouseProblem, "是否危房户", true}}
	case gWater:
		cols = []col{{fWaterSolved, "是否解决安全饮用水", false}, {fWaterProblem, "是否饮水出现安全问题", true}}
	}
	guaranteed = true
	var parts []string
	for _, c := range cols {
		if !s.has(c.f) {
			continue
		}
		v := s.get(c.f)
		shown := v
		if v == "" {
			shown = "（空）"
		}
		parts = append(parts, c.name+"="+shown)
		if v == "" {
			continue
		}
		yes, known := normalize.YesNo(v)
		switch {
		case !known:
			bad = v
		case yes == c.problem:
			guaranteed = false
		}
	}
	text = strings.Join(parts, "，")
	if bad != "" {
		return false, text + "（无法识别，未知）", bad
	}
	if guaranteed {
		return true, text + " → 是", ""
	}
	return false, text + " → 否", ""
}

func measureIndex(f field) int {
	for i, m := range measureFields {
		if m == f {
			return i
		}
	}
	return -1
}

// extraHousehold reads the §3.3.1 household fields the sheet has.
func (s *sheetReader) extraHousehold(h *load.Household) {
	h.IncomeMissing = s.sv.incomeMissing
	if s.has(fRisks) {
		var cells []string
		for _, c := range s.cols[fRisks] {
			if c < len(s.cells) {
				cells = append(cells, s.cells[c])
			}
		}
		var unknown []string
		h.Risks, unknown = normalize.Risks(cells...)
		for _, u := range unknown {
			s.unknownValue("致贫/返贫风险", u)
		}
	}
	for i, f := range measureFields {
		if f == fEdu || f == fHouse || f == fWater || !s.has(f) {
			continue // the named columns: guaranteesOf
		}
		h.Measures[i] = s.get(f)
	}
	if s.has(fDevStatus) {
		v := s.get(fDevStatus)
		yes, ok := normalize.DevStatus(v)
		if !ok {
			s.unknownValue("实施开发式帮扶措施情况", v)
		}
		h.DevStatus = load.OptBool{Value: yes, Valid: true}
	}
	if s.has(fElimWay) {
		switch v := s.text(fElimWay); normalize.Compact(v) {
		case "":
		case "帮扶消除", "自然消除":
			h.ElimWay = normalize.Compact(v)
		default:
			s.unknownValue("风险消除方式", v)
		}
	}
	if s.has(fElimDate) {
		h.ElimDate = s.lenientDate(fElimDate, "消除监测时间")
	}
	for _, a := range []struct {
		f    field
		dst  *load.OptBool
		name string
	}{{fAfterHouse, &h.AfterHouse, "风险消除后是否住房损毁"}, {fAfterWater, &h.AfterWater, "风险消除后是否饮水设施损毁"},
		{fAfterEdu, &h.AfterEdu, "风险消除后是否义务教育阶段适龄儿童少年失学辍学"}, {fAfterMed, &h.AfterMed, "风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险"}} {
		if s.has(a.f) {
			*a.dst = s.yesNoValue(a.f, a.name)
		}
	}
	if s.has(fAfterPC) {
		if v := s.get(fAfterPC); v != "" {
			if fen, err := normalize.ParseMoney(v); err == nil {
				h.AfterPC = load.OptFen{Fen: fen, Valid: true}
			} else {
				s.unknownValue("风险消除后家庭人均纯收入", v)
			}
		}
	}
	if s.has(fContact) {
		h.Contact = s.text(fContact)
	}
}

// yesNoValue reads a 是/否 column: NULL when blank or unknown (counted).
func (s *sheetReader) yesNoValue(f field, name string) load.OptBool {
	v := s.get(f)
	if v == "" {
		return load.OptBool{}
	}
	yes, ok := normalize.YesNo(v)
	if !ok {
		s.unknownValue(name, v)
	}
	return load.OptBool{Value: yes, Valid: ok}
}

// lenientDate reads a survey date that, when it cannot be read, is kept as
// blank and counted (SPEC §3): the row stays.
func (s *sheetReader) lenientDate(f field, name string) load.OptDate {
	raw := s.get(f)
	if raw == "" {
		return load.OptDate{}
	}
	d := s.memos().dates[f].Of(raw, parseDate)
	if !d.Valid {
		s.unknownValue(name, raw)
	}
	return d
}

// extraPerson reads the §3.3.1 person fields and the 残疾人证号's grade.
func (s *sheetReader) extraPerson(p *load.Person) {
	// An 18-character ID is never a certificate: most rows stop here.
	if raw := s.get(fID); len(raw) < 20 {
	} else if cat, grade, ok := normalize.Certificate(raw); ok {
		s.sv.certificates = true
		if cat > 0 {
			p.DisabilityCategory = load.OptInt{Value: cat, Valid: true}
		}
		if p.Disability == 0 {
			if grade == 0 {
				s.unknownValue("残疾人证号（等级）", normalize.Compact(raw)[18:])
			}
			p.Disability = grade
		}
	}
	if !s.sv.extraPerson {
		return
	}
	if s.has(fSex) {
		v := s.get(fSex)
		sex, ok := normalize.Sex(v)
		if !ok {
			s.unknownValue("性别", v)
		}
		p.Sex = sex
	}
	for _, t := range []struct {
		f   field
		dst *string
	}{{fSchool, &p.School}, {fEduLevel, &p.EduLevel}, {fNoSchool, &p.NoSchool}, {fWelfareJob, &p.WelfareJob}} {
		if s.has(t.f) {
			*t.dst = s.text(t.f)
		}
	}
	for _, b := range []struct {
		f    field
		dst  *load.OptBool
		name string
	}{{fInsResident, &p.InsResident, "是否参加城乡居民基本医疗保险"}, {fInsEmployee, &p.InsEmployee, "是否参加城镇职工基本医疗保险"}, {fPension, &p.Pension, "是否参加城乡居民基本养老保险"}} {
		if !s.has(b.f) {
			continue
		}
		v := s.get(b.f)
		yes, valid, ok := normalize.Enrolled(v)
		if !ok {
			s.unknownValue(b.name, v)
		}
		*b.dst = load.OptBool{Value: yes, Valid: valid}
	}
	for _, b := range []struct {
		f    field
		dst  *load.OptBool
		name string
	}{{fDibao, &p.Dibao, "享受低保政策情况"}, {fTekun, &p.Tekun, "享受特困供养政策情况"}} {
		if !s.has(b.f) {
			continue
		}
		v := s.get(b.f)
		yes, ok := normalize.Benefit(v)
		if !ok {
			s.unknownValue(b.name, v)
		}
		*b.dst = load.OptBool{Value: yes, Valid: ok}
	}
}

// finishSurvey settles a survey sheet once its rows are read: the pending
// household, which fields the sheet has (sheet_field; for a column named
// like a guarantee, whether it was a status or a measure column), and the
// unknown values.
func (s *sheetReader) finishSurvey() error {
	if err := s.flushHousehold(); err != nil {
		return err
	}
	if s.sv.err != nil {
		return s.sv.err
	}
	for _, u := range s.sv.unknown {
		s.acc.Unknown = append(s.acc.Unknown, *u)
	}
	sort.Slice(s.acc.Unknown, func(i, j int) bool {
		a, b := s.acc.Unknown[i], s.acc.Unknown[j]
		return a.Column < b.Column || a.Column == b.Column && a.Value < b.Value
	})
	if s.sv.sink == nil {
		return nil
	}
	if settler, ok := s.sv.sink.(interface{ SettleGuarantees() }); ok {
		for _, n := range s.sv.named {
			if n.other > 0 {
				settler.SettleGuarantees()
				break
			}
		}
	}
	var fields []string
	for _, f := range sheetFieldOrder {
		if s.has(f) {
			fields = append(fields, fieldNames[f])
		}
	}
	for g, gd := range guarantees {
		measure := s.sv.named[g].other > s.sv.named[g].vocab
		switch {
		case s.sv.hasProblem[g]:
			fields = append(fields, gd.column)
		case s.has(gd.named) && !measure:
			fields = append(fields, gd.column)
		}
		if s.has(gd.named) && measure && gd.measure != "" {
			fields = append(fields, gd.measure)
		}
	}
	for i, f := range measureFields {
		if f != fEdu && f != fHouse && f != fWater && s.has(f) {
			fields = append(fields, measureColumns[i])
		}
	}
	if s.sv.certificates && !s.has(fDisability) {
		fields = append(fields, "disability")
	}
	for _, f := range fields {
		if err := s.sv.sink.SheetField(s.src, &load.SheetField{Row: s.layout.LastRow, Field: f}); err != nil {
			return err
		}
	}
	return nil
}

// sheetFieldOrder are the fields whose column name is their table column.
var sheetFieldOrder = []field{
	fHHNo, fTownship, fVillage, fHHType, fMonitorType, fMonitorSince, fEliminated, fFallback, fSizeDeclared,
	fWage, fBusiness, fBusinessCost, fProperty, fTransfer, fClaims, fSelfpay, fPCDeclared, fPCLastYear,
	fEduProblem, fMedProblem, fHouseProblem, fWaterSolved, fWaterProblem,
	fRisks, fDevStatus, fElimWay, fElimDate, fAfterHouse, fAfterWater, fAfterEdu, fAfterMed, fAfterPC, fContact,
	fName, fRelation, fLabor, fHealth, fDisability, fStatus, fStatusDate,
	fSex, fSchool, fEduLevel, fNoSchool, fInsResident, fInsEmployee, fPension, fDibao, fTekun, fWelfareJob,
}

// householdKey is the key of a household (SPEC §3.3): a 户编号 of 16 or more
// digits alone (the national system's number), a shorter one with its 乡镇
// and 村, or, where the sheet has neither, its file and sheet.
func (s *sheetReader) householdKey(no string) string {
	if len(no) >= 16 {
		return no
	}
	town, village := s.text(fTownship), s.text(fVillage)
	if town == "" && village == "" {
		// the file's name, not its path: the key is shown as 户编号
		return fmt.Sprintf("%s[%s]/%s", filepath.Base(s.src.File), s.src.Sheet, no)
	}
	if town == "" {
		return village + "/" + no
	}
	if village == "" {
		return town + "/" + no
	}
	return town + "/" + village + "/" + no
}

// hhDesc is a household field as C_HH_FIELD_CONFLICT compares it.
type hhDesc struct {
	f      field
	column string
	canon  func(string) string // the value after the field's normalisation
}

func canonText(v string) string { return normalize.Compact(v) }
func canonDate(v string) string {
	if d, err := normalize.ParseDate(v); err == nil {
		return d.String()
	}
	return normalize.Compact(v)
}
func canonMoney(v string) string {
	if f, err := normalize.ParseMoney(v); err == nil {
		return fmt.Sprint(int64(f))
	}
	return normalize.Compact(v)
}
func canonInt(v string) string {
	if n, ok := normalize.ParseInt(v); ok {
		return fmt.Sprint(n)
	}
	return normalize.Compact(v)
}
func canonYesNo(v string) string {
	if yes, ok := normalize.YesNo(v); ok {
		if yes {
			return "是"
		}
		return "否"
	}
	return normalize.Compact(v)
}
func canonType(v string) string {
	if t, ok := normalize.HouseholdType(v); ok {
		return t
	}
	return normalize.Compact(v)
}
func canonRisks(v string) string {
	r, unknown := normalize.Risks(v)
	return r + "|" + strings.Join(unknown, "、")
}

// hhDescs are at most 64 (pendingHousehold's bit masks).
var hhDescs = func() []hhDesc {
	d := []hhDesc{
		{fTownship, "township", canonText}, {fVillage, "village", canonText}, {fHHType, "hh_type", canonType},
		{fMonitorType, "monitor_type", canonText}, {fMonitorSince, "monitor_since", canonDate},
		{fEliminated, "eliminated", canonYesNo}, {fFallback, "fallback", canonYesNo}, {fSizeDeclared, "size_declared", canonInt},
		{fWage, "wage", canonMoney}, {fBusiness, "business", canonMoney}, {fBusinessCost, "business_cost", canonMoney},
		{fProperty, "property", canonMoney}, {fTransfer, "transfer", canonMoney}, {fClaims, "claims", canonMoney},
		{fSelfpay, "selfpay", canonMoney}, {fPCDeclared, "pc_declared", canonMoney}, {fPCLastYear, "pc_last_year", canonMoney},
		{fMed, "g_med", canonYesNo}, {fEduProblem, "g_edu", canonYesNo}, {fMedProblem, "g_med", canonYesNo},
		{fHouseProblem, "g_house", canonYesNo}, {fWaterSolved, "g_water", canonYesNo}, {fWaterProblem, "g_water", canonYesNo},
		{fRisks, "risks", canonRisks}, {fDevStatus, "dev_status", canonText}, {fElimWay, "elim_way", canonText},
		{fElimDate, "elim_date", canonDate}, {fAfterHouse, "after_house", canonYesNo}, {fAfterWater, "after_water", canonYesNo},
		{fAfterEdu, "after_edu", canonYesNo}, {fAfterMed, "after_med", canonYesNo}, {fAfterPC, "after_pc", canonMoney},
		{fContact, "contact", canonText},
	}
	for i, f := range measureFields {
		// a measure list compares as a set; a 是/否 in a status column
		// compares equal whichever form it takes
		d = append(d, hhDesc{f, measureColumns[i], func(v string) string {
			if _, ok := normalize.YesNo(v); ok {
				return canonYesNo(v)
			}
			return normalize.ListKey(v)
		}})
	}
	return d
}()

// pendingHousehold is the Layout A household being read: emitted when the
// next one starts or the sheet ends, so that a field blank on its first row
// takes the first value below (SPEC §9).
type pendingHousehold struct {
	h        *load.Household
	cells    []string // the first row, blanks filled from the rows below
	row      int
	filled   bool
	reported uint64 // hhDescs already reported as C_HH_FIELD_CONFLICT
	canoned  uint64 // hhDescs whose surveySheet.canon holds the first row's value normalised
}

// reportedBefore: another column of i's field was reported already.
func (p *pendingHousehold) reportedBefore(i int) bool {
	for j, d := range hhDescs {
		if j != i && p.reported&(1<<j) != 0 && d.column == hhDescs[i].column {
			return true
		}
	}
	return false
}

// fieldValue is a field's cells in a row, the non-blank ones joined (risks
// stand in several columns).
func fieldValue(cols []int, cells []string) string {
	var v string
	for _, c := range cols {
		if c < len(cells) {
			if t := normalize.TrimSpace(cells[c]); t != "" {
				if v != "" {
					v += "、"
				}
				v += t
			}
		}
	}
	return v
}

// mergeRow compares a later row of the pending household with it: a field
// blank so far takes this row's value; a different non-blank value is
// reported once per household and field (C_HH_FIELD_CONFLICT).
func (s *sheetReader) mergeRow(id string) error {
	p := s.pending
	if p == nil {
		return nil
	}
	for _, i := range s.sv.hhFields {
		d := hhDescs[i]
		cols := s.cols[d.f]
		v := fieldValue(cols, s.cells)
		if v == "" {
			continue
		}
		first := fieldValue(cols, p.cells)
		if first == "" {
			for _, c := range cols {
				for len(p.cells) <= c {
					p.cells = append(p.cells, "")
				}
				if c < len(s.cells) {
					p.cells[c] = s.cells[c]
				}
			}
			p.filled = true
			continue
		}
		// the same text (the national export repeats it on every row) needs
		// no normalising
		if v == first || p.reported&(1<<i) != 0 {
			continue
		}
		if s.sv.canon == nil {
			s.sv.canon, s.sv.canonMemo = make([]string, len(hhDescs)), make([]lastCell[string], len(hhDescs))
		}
		if p.canoned&(1<<i) == 0 {
			s.sv.canon[i], p.canoned = s.sv.canonMemo[i].Of(first, d.canon), p.canoned|1<<i
		}
		if s.sv.canon[i] == s.sv.canonMemo[i].Of(v, d.canon) {
			continue
		}
		p.reported |= 1 << i
		if p.reportedBefore(i) {
			continue // two columns feed one field (g_water): once per field
		}
		s.issue(&load.SurveyIssue{Row: s.row, HHKey: p.h.Key, ID: id, Code: "C_HH_FIELD_CONFLICT",
			Field: d.column, Value: clip(first), Other: clip(v)})
	}
	return s.sv.err
}

// flushHousehold hands the pending household to the sink, re-read from its
// merged first row where a later row filled a blank.
func (s *sheetReader) flushHousehold() error {
	p := s.pending
	if p == nil {
		return nil
	}
	s.pending = nil
	h := p.h
	if p.filled {
		cells, row := s.cells, s.row
		s.cells, s.row = p.cells, p.row
		s.quiet = true
		if h2, reason := s.household(h.Key, h.No); reason == "" {
			h = h2
		}
		s.quiet = false
		s.cells, s.row = cells, row
	}
	return s.sink.Household(s.src, h)
}

// noGrade: a 残疾等级 cell that says there is none.
func noGrade(v string) bool {
	switch normalize.Compact(v) {
	case "无", "0", "-", "—", "/", "否", "非残疾":
		return true
	}
	return false
}
