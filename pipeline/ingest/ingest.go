// Package ingest is the normalise stage: for one input file it finds each
// sheet's header, decides what kind of data the sheet holds, turns every row
// into a typed record (or a counted skip, or a reject with its reason) and
// hands the records to the loader. Every row below a header is accounted for:
// read = loaded + skipped + rejected (SPEC §7).
package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/paicha/paicha/pipeline/header"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/pipeline/read"
)

// Kind is the kind of input data.
type Kind string

const (
	Survey  Kind = "survey"
	Card    Kind = "card"
	Medical Kind = "medical"
	Any     Kind = "" // classify each sheet by its header (--in)
)

// Label is the kind as township staff read it (来源类型).
func (k Kind) Label() string {
	switch k {
	case Survey:
		return "排查表"
	case Card:
		return "一卡通"
	case Medical:
		return "医保"
	}
	return "未知"
}

// Input is one file to read.
type Input struct {
	Path string // as found under the PATH the user gave
	Kind Kind
	Ord  int // position in input order: "first" means lowest

	// Limits that protect the machine (0 = none): a file bigger than
	// MaxFileSize bytes is not opened, and a sheet stops being read at its
	// first row that brings it over MaxCells cells; either is reported as
	// that file's failure.
	MaxFileSize int64
	MaxCells    int64

	// Settings name what a notice tells the user to change.
	Settings Settings

	// OpenSink, if set, opens another sink, closed by the func it returns:
	// the workers of a big sheet then load through sinks of their own
	// rather than sharing one under a lock.
	OpenSink func(context.Context) (Sink, func() error, error)
}

// Skip reasons counted in summary.json.
const (
	SkipBlank     = "blank"
	SkipSummary   = "summary"
	SkipFailed    = "failed"
	SkipDuplicate = "duplicate"
)

// Sheet is the accounting of one sheet (SPEC §6 summary.json).
type Sheet struct {
	File     string         `json:"file"`
	Sheet    string         `json:"sheet"`
	Kind     Kind           `json:"kind"`
	Read     int            `json:"read"`
	Loaded   int            `json:"loaded"`
	Skipped  map[string]int `json:"skipped"`
	Rejected int            `json:"rejected"`
	// Unknown are the survey values outside their field's list (SPEC §3).
	Unknown  []UnknownValue `json:"-"`
	fileOrd  int
	sheetOrd int
}

// Notice is something the user must be told about a file.
type Notice struct {
	File, Sheet string
	Row         int
	Message     string
	// Failed: the file (or a sheet that looks like an input) could not be
	// read; the run exits 3.
	Failed bool
}

func (n Notice) String() string {
	var b strings.Builder
	b.WriteString(n.File)
	if n.Sheet != "" {
		fmt.Fprintf(&b, " 工作表「%s」", n.Sheet)
	}
	if n.Row > 0 {
		fmt.Fprintf(&b, " 第%d行", n.Row)
	}
	b.WriteString("：")
	b.WriteString(n.Message)
	return normalize.MaskIDs(b.String()) // never a full ID in a log line (SPEC §7)
}

// Result is what reading one file produced.
type Result struct {
	Sheets  []Sheet
	Notices []Notice
}

// Failed reports whether the file, or a sheet of it, could not be read.
func (r *Result) Failed() bool {
	for _, n := range r.Notices {
		if n.Failed {
			return true
		}
	}
	return false
}

// Sink receives the records; *load.Session is one. A record is the sink's
// only during the call: the reader reuses it for the next row.
type Sink interface {
	Card(load.Source, *load.Card) error
	Medical(load.Source, *load.Medical) error
	Household(load.Source, *load.Household) error
	Person(load.Source, *load.Person) error
	Reject(load.Source, *load.Reject) error
}

// errStop ends a header sniff early.
var errStop = errors.New("stop")

// plan is what a sheet was found to be.
type plan struct {
	name   string
	ord    int
	kind   Kind
	role   role
	layout header.Layout
	dup    string // a note on header names that occur twice
	// personsOnly: classified by --in as survey with no household field; it
	// is read only as the person sheet of a Layout B workbook.
	personsOnly bool
}

type role int

const (
	roleRows       role = iota // card or medical rows
	roleSurveyA                // Layout A: persons, household fields on the first row
	roleHouseholds             // Layout B household sheet
	rolePersonsB               // Layout B person sheet
)

// File reads one input file into sink. A returned error is an internal or
// sink failure (the run stops); problems with the file itself are Notices.
func File(ctx context.Context, sink Sink, in Input) (*Result, error) {
	res := &Result{}
	if in.MaxFileSize > 0 {
		if fi, err := os.Stat(in.Path); err == nil && fi.Size() > in.MaxFileSize {
			res.Notices = append(res.Notices, Notice{File: in.Path, Failed: true, Message: fmt.Sprintf(
				"文件大小%s，超过上限%s%s，未读取；请确认文件是否正确%s",
				FormatSize(fi.Size()), FormatSize(in.MaxFileSize), paren(in.Settings.MaxFileSize), raise("，", in.Settings.MaxFileSize))})
			return res, nil
		}
	}
	wb, err := read.Open(in.Path)
	if err != nil {
		res.Notices = append(res.Notices, Notice{File: in.Path, Message: userMessage(err), Failed: true})
		return res, nil
	}
	defer wb.Close()

	var plans []plan
	var noHeader []string
	for ord, name := range wb.Sheets() {
		head, err := sniff(ctx, wb, name, in.MaxCells)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			n := Notice{File: in.Path, Sheet: name, Message: in.Settings.message(err), Failed: true}
			var fe *read.FileError
			if errors.As(err, &fe) {
				n.Row = fe.Row
			}
			res.Notices = append(res.Notices, n)
			continue
		}
		p, problem := classify(head, in.Kind)
		if problem != "" && in.Kind != Any {
			problem += kindHint(head, in.Kind, in.Settings)
		}
		switch {
		case problem != "":
			res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: name, Message: problem, Failed: true})
		case p.kind == Any:
			noHeader = append(noHeader, name)
		default:
			p.name, p.ord, p.dup = name, ord, duplicateColumns(head, p.layout)
			plans = append(plans, p)
		}
	}
	if len(plans) == 0 {
		if !res.Failed() {
			res.Notices = append(res.Notices, Notice{File: in.Path, Failed: true,
				Message: "没有找到可识别的表头（" + expectation(in.Kind) + "），请确认文件类型和表头名称"})
		}
		return res, nil
	}
	for _, name := range noHeader {
		res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: name, Message: "没有可识别的表头（说明页或图表？），已跳过"})
	}
	// Layout B: a survey workbook with a household sheet; its other survey
	// sheets are person sheets, read after the households they refer to.
	households := map[string]layoutB{}
	layoutB := false
	for _, p := range plans {
		layoutB = layoutB || p.role == roleHouseholds
	}
	if !layoutB {
		kept := plans[:0]
		for _, p := range plans {
			if p.personsOnly {
				res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: p.name, Row: p.layout.LastRow,
					Message: "有身份证号，但没有户类型、监测对象类别、收入或三保障等户信息列，不像入户排查表，已跳过；确是排查表时请用 --survey 给出"})
				continue
			}
			kept = append(kept, p)
		}
		plans = kept
		if len(plans) == 0 {
			return res, nil
		}
	}
	ordered := make([]plan, 0, len(plans))
	for _, p := range plans {
		if p.role == roleHouseholds {
			ordered = append(ordered, p)
		}
	}
	for _, p := range plans {
		if p.role != roleHouseholds {
			if layoutB && p.role == roleSurveyA {
				p.role = rolePersonsB
			}
			ordered = append(ordered, p)
		}
	}
	for _, p := range ordered {
		acc := Sheet{File: in.Path, Sheet: p.name, Kind: p.kind, Skipped: map[string]int{}, fileOrd: in.Ord, sheetOrd: p.ord}
		s := &sheetReader{
			sink: sink, acc: &acc, layout: p.layout, cols: fieldCols(p.layout),
			src:        load.Source{FileOrd: in.Ord, SheetOrd: p.ord, File: in.Path, Sheet: p.name},
			households: households, maxCells: in.MaxCells, openSink: in.OpenSink,
		}
		var err error
		switch p.role {
		case roleRows:
			rowFn := (*sheetReader).medical
			if p.kind == Card {
				rowFn = (*sheetReader).card
			}
			err = s.runParallel(ctx, wb, p.name, rowFn)
		case roleSurveyA:
			s.initSurvey()
			err = s.run(ctx, wb, p.name, s.surveyA)
		case roleHouseholds:
			s.initSurvey()
			err = s.run(ctx, wb, p.name, s.householdB)
		case rolePersonsB:
			s.initSurvey()
			err = s.run(ctx, wb, p.name, s.personB)
		}
		if s.sv != nil {
			if ferr := s.finishSurvey(); ferr != nil && err == nil {
				err = ferr
			}
		}
		if err != nil {
			var fe *read.FileError
			if errors.As(err, &fe) {
				res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: p.name, Row: fe.Row, Message: in.Settings.message(err) + "（此行之后的内容未能读取）", Failed: true})
			} else {
				return nil, err
			}
		} else if acc.Read == 0 {
			res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: p.name, Row: p.layout.LastRow,
				Message: "表头下面没有数据行，请检查导出是否完整"})
		}
		if n, first := s.damaged(wb, p.name); n > 0 {
			res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: p.name, Row: first, Message: fmt.Sprintf(
				"从这一行起共%d行含有无法识别的字符（文件编码有误或已损坏，已显示为“\uFFFD”），请核对这些行，或重新导出为UTF-8或GBK编码后再试", n)})
		}
		if p.dup != "" {
			res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: p.name, Row: p.layout.LastRow, Message: p.dup})
		}
		res.Sheets = append(res.Sheets, acc)
	}
	return res, nil
}

func userMessage(err error) string {
	var fe *read.FileError
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return "无法读取：" + err.Error()
}

func expectation(k Kind) string {
	switch k {
	case Survey:
		return "入户排查表需要 身份证号 以及 户编号 或 与户主关系 列"
	case Card:
		return "一卡通发放数据需要 身份证号、发放金额、发放日期 列"
	case Medical:
		return "医保结算数据需要 身份证号、结算日期 以及 合规自付 或 政策范围内费用 与 统筹支付 列"
	}
	return "入户排查表、一卡通发放数据或医保结算数据"
}

// sniff returns the first rows of a sheet, enough to find the header.
func sniff(ctx context.Context, wb read.Workbook, sheet string, maxCells int64) ([]header.Row, error) {
	var rows []header.Row
	var cells int64
	err := wb.Rows(ctx, sheet, func(num int, row []string) error {
		if num > header.SearchRows+1 {
			return errStop
		}
		if cells += int64(len(row)); maxCells > 0 && cells > maxCells {
			return tooManyCells(num, maxCells)
		}
		rows = append(rows, header.Row{Num: num, Cells: append([]string(nil), row...)})
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	// A row that cannot be read below rows that could (an unpaired quote, a
	// damaged part): the header may well be among them. Reading the sheet
	// reaches the same row again and reports it there, after loading the rows
	// above it.
	var fe *read.FileError
	if errors.As(err, &fe) && fe.Row > 0 && len(rows) > 0 {
		err = nil
	}
	return rows, err
}

// tooManyCells is the error of a sheet over the cell limit.
func tooManyCells(row int, max int64) error {
	return &cellLimitError{max: max, FileError: read.FileError{Row: row, Reason: fmt.Sprintf("工作表的单元格超过上限%d个，文件可能已损坏", max)}}
}

// cellLimitError is a read.FileError that File words with the setting that
// raises the limit.
type cellLimitError struct {
	read.FileError
	max int64
}

func (e *cellLimitError) Unwrap() error { return &e.FileError }

// Settings are the names, as the command that reads spells them, of the
// settings a notice tells the user to change: `compare` has flags
// (--max-file-size), `nightly` the keys of its config file. cmd/paicha
// words them; an empty name, or a nil Kind, leaves the advice out.
type Settings struct {
	MaxFileSize string
	MaxCells    string
	Kind        func(Kind) string // where a file of that kind is given (Any: a file of any kind)
}

// message is the notice for a reading error.
func (st Settings) message(err error) string {
	var cl *cellLimitError
	if errors.As(err, &cl) {
		return fmt.Sprintf("工作表的单元格超过上限%d个%s，文件可能已损坏%s", cl.max, paren(st.MaxCells), raise("；", st.MaxCells))
	}
	return userMessage(err)
}

func paren(setting string) string {
	if setting == "" {
		return ""
	}
	return "（" + setting + "）"
}

func raise(sep, setting string) string {
	if setting == "" {
		return ""
	}
	return sep + "确需读取时调大 " + setting
}

// FormatSize shows a byte count as people read it: 2GB, 1.5MB, 300KB, 12B.
func FormatSize(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 40, "TB"}, {1 << 30, "GB"}, {1 << 20, "MB"}, {1 << 10, "KB"}} {
		if n >= u.size {
			s := strconv.FormatFloat(float64(n)/float64(u.size), 'f', 1, 64)
			return strings.TrimSuffix(s, ".0") + u.name
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}

// kindHint tells the user, when a sheet given as one kind lacks its columns
// but has every column of another kind, which flag the file belongs under.
func kindHint(head []header.Row, given Kind, st Settings) string {
	for _, k := range []Kind{Survey, Medical, Card} {
		if k == given {
			continue
		}
		if l, ok := header.Detect(head, fieldsOf[k]); ok {
			if _, missing := fits(k, &l); missing == "" && l.Strong >= 2 {
				hint := fmt.Sprintf("。这个工作表看起来是%s数据，不是%s", k.Label(), given.Label())
				if st.Kind != nil {
					hint += fmt.Sprintf("：请用 %s 给出这个文件（或用 %s 自动识别）", st.Kind(k), st.Kind(Any))
				}
				return hint
			}
		}
	}
	return ""
}

var fieldsOf = map[Kind]header.Fields{Survey: header.Survey, Card: header.Card, Medical: header.Medical}

// classify decides what a sheet holds. p.kind == Any with no problem means
// "no known header at all". problem names the missing columns of a sheet
// that looks like an input but cannot be read.
func classify(head []header.Row, want Kind) (p plan, problem string) {
	kinds := []Kind{want}
	if want == Any {
		kinds = []Kind{Survey, Medical, Card} // SPEC §3.4 order
	}
	bestStrong, bestMissing := 0, ""
	var personsOnly *plan // --in: a survey sheet of persons alone, survey only beside a household sheet
	for _, k := range kinds {
		l, ok := header.Detect(head, fieldsOf[k])
		if !ok {
			continue
		}
		r, missing := fits(k, &l)
		if k == Survey && missing == "" {
			missing = nationalRequired(head, &l)
		}
		if missing == "" {
			// With --in, a sheet is survey only if it has a household field
			// besides 户编号 or is the person sheet of a Layout B workbook
			// (SPEC §3.4): a department's list of IDs and relations is not.
			if want == Any && k == Survey && r == roleSurveyA && !hasHouseholdField(&l) {
				personsOnly = &plan{kind: k, role: r, layout: l, personsOnly: true}
				continue
			}
			return plan{kind: k, role: r, layout: l}, ""
		} else if l.Strong > bestStrong {
			bestStrong, bestMissing = l.Strong, missing
		}
	}
	if personsOnly != nil {
		return *personsOnly, ""
	}
	// Two known column names are a header, not a stray word in a note.
	if bestStrong >= 2 {
		return plan{}, bestMissing
	}
	return plan{kind: Any}, ""
}

// fits checks a kind's required columns; missing explains what is absent and
// which names were tried.
func fits(k Kind, l *header.Layout) (role, string) {
	fs := fieldsOf[k]
	need := func(field, label string) string {
		return fmt.Sprintf("缺少必需的列「%s」（可用的列名：%s）", label, strings.Join(fs.Tried(field), "、"))
	}
	switch k {
	case Card:
		var miss []string
		for _, f := range []struct{ f, l string }{{"id", "身份证号"}, {"amount", "发放金额"}, {"date", "发放日期"}} {
			if !l.Has(f.f) {
				miss = append(miss, need(f.f, f.l))
			}
		}
		return roleRows, strings.Join(miss, "；")
	case Medical:
		var miss []string
		if !l.Has("id") {
			miss = append(miss, need("id", "身份证号"))
		}
		if !l.Has("date") {
			miss = append(miss, need("date", "结算日期"))
		}
		if !l.Has("selfpay") && !(l.Has("policy_total") && l.Has("fund_pay")) {
			miss = append(miss, need("selfpay", "合规自付")+"，或者「政策范围内费用」（"+strings.Join(fs.Tried("policy_total"), "、")+
				"）与「统筹支付」（"+strings.Join(fs.Tried("fund_pay"), "、")+"）")
		}
		return roleRows, strings.Join(miss, "；")
	default: // Survey
		switch {
		case l.Has("id") && (l.Has("hh_no") || l.Has("relation")):
			return roleSurveyA, ""
		case !l.Has("id") && l.Has("hh_no") && l.Strong >= 2:
			return roleHouseholds, ""
		case !l.Has("id"):
			return roleSurveyA, need("id", "身份证号")
		default:
			return roleSurveyA, need("hh_no", "户编号") + "；或" + need("relation", "与户主关系")
		}
	}
}

// duplicateColumns notes the header names that stand over more than one
// column (an export that repeats 身份证号, say): each row then uses the first
// of those columns that has content, which the user should know.
func duplicateColumns(head []header.Row, l header.Layout) string {
	text := map[int]string{} // column → header text, lowest header row wins
	for _, r := range head {
		if r.Num < l.FirstRow || r.Num > l.LastRow {
			continue
		}
		for c, v := range r.Cells {
			if n := header.Normalize(v); n != "" {
				text[c] = n
			}
		}
	}
	var notes []string
	fields := make([]string, 0, len(l.Cols))
	for f := range l.Cols {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		byName := map[string][]int{}
		for _, c := range l.Cols[f] {
			byName[text[c]] = append(byName[text[c]], c)
		}
		for name, cols := range byName {
			if len(cols) < 2 || name == "" {
				continue
			}
			sort.Ints(cols)
			letters := make([]string, len(cols))
			for i, c := range cols {
				letters[i] = columnLetter(c)
			}
			notes = append(notes, fmt.Sprintf("表头「%s」出现了%d次（%s列）", name, len(cols), strings.Join(letters, "、")))
		}
	}
	if len(notes) == 0 {
		return ""
	}
	sort.Strings(notes)
	return strings.Join(notes, "；") + "：每行使用其中第一个有内容的列，请核对这些列是否一致"
}

// columnLetter is Excel's name of a 0-based column: 0 → A, 26 → AA.
func columnLetter(c int) string {
	var b []byte
	for c++; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b)
}

// householdFieldNames are the household fields that make a sheet with IDs a
// survey under --in (SPEC §3.4).
var householdFieldNames = []string{"hh_type", "monitor_type", "wage", "business", "business_cost", "property", "transfer",
	"claims", "selfpay", "pc_declared", "edu", "med", "house", "water",
	"edu_problem", "med_problem", "house_problem", "water_solved", "water_problem"}

func hasHouseholdField(l *header.Layout) bool {
	for _, f := range householdFieldNames {
		if l.Has(f) {
			return true
		}
	}
	return false
}

// nationalRequired: on a sheet of the national monitoring system's export
// (证件号码 and any of 监测对象类别, 致贫/返贫风险1, 实施开发式帮扶措施情况,
// 风险是否已消除) with 监测对象类别, 风险是否已消除 is required: the system
// keeps 监测对象类别 after elimination (SPEC §3.3.1).
func nationalRequired(head []header.Row, l *header.Layout) string {
	// the names as the system writes them: a village form's 监测类型 or
	// 身份证号 is not this export
	if l.Has("eliminated") || !headerNamed(head, l, "monitor_type", "监测对象类别") || !headerNamed(head, l, "id", "证件号码") {
		return ""
	}
	return "缺少必需的列「风险是否已消除」：这是全国防返贫监测信息系统的导出（有证件号码和监测对象类别），系统在风险消除后仍保留监测对象类别，" +
		"没有这一列就无法判断哪些户仍是监测对象；请重新导出并勾选「风险是否已消除」"
}

// headerNamed reports whether a column of the field is headed name.
func headerNamed(head []header.Row, l *header.Layout, field, name string) bool {
	for _, c := range l.Cols[field] {
		for _, r := range head {
			if r.Num >= l.FirstRow && r.Num <= l.LastRow && c < len(r.Cells) && header.Normalize(r.Cells[c]) == name {
				return true
			}
		}
	}
	return false
}
