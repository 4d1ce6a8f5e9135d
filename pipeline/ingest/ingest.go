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
	"strings"

	"github.com/paicha/paicha/pipeline/header"
	"github.com/paicha/paicha/pipeline/load"
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
	return b.String()
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

// Sink receives the records; *load.Session is one.
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
	wb, err := read.Open(in.Path)
	if err != nil {
		res.Notices = append(res.Notices, Notice{File: in.Path, Message: userMessage(err), Failed: true})
		return res, nil
	}
	defer wb.Close()

	var plans []plan
	var noHeader []string
	for ord, name := range wb.Sheets() {
		head, err := sniff(ctx, wb, name)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: name, Message: userMessage(err), Failed: true})
			continue
		}
		p, problem := classify(head, in.Kind)
		switch {
		case problem != "":
			res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: name, Message: problem, Failed: true})
		case p.kind == Any:
			noHeader = append(noHeader, name)
		default:
			p.name, p.ord = name, ord
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
	households := map[string]string{} // 户编号 → "" when loaded, else the reject reason
	layoutB := false
	for _, p := range plans {
		layoutB = layoutB || p.role == roleHouseholds
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
			sink: sink, acc: &acc, layout: p.layout,
			src:        load.Source{FileOrd: in.Ord, SheetOrd: p.ord, File: in.Path, Sheet: p.name},
			households: households,
		}
		var rowFn func(cells []string, num int) error
		switch p.role {
		case roleRows:
			if p.kind == Card {
				rowFn = s.card
			} else {
				rowFn = s.medical
			}
		case roleSurveyA:
			rowFn = s.surveyA
		case roleHouseholds:
			rowFn = s.householdB
		case rolePersonsB:
			rowFn = s.personB
		}
		if err := s.run(ctx, wb, p.name, rowFn); err != nil {
			var fe *read.FileError
			if errors.As(err, &fe) {
				res.Notices = append(res.Notices, Notice{File: in.Path, Sheet: p.name, Row: fe.Row, Message: fe.Reason + "（此行之后的内容未能读取）", Failed: true})
			} else {
				return nil, err
			}
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
func sniff(ctx context.Context, wb read.Workbook, sheet string) ([]header.Row, error) {
	var rows []header.Row
	err := wb.Rows(ctx, sheet, func(num int, cells []string) error {
		if num > header.SearchRows+1 {
			return errStop
		}
		rows = append(rows, header.Row{Num: num, Cells: append([]string(nil), cells...)})
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return rows, err
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
	for _, k := range kinds {
		l, ok := header.Detect(head, fieldsOf[k])
		if !ok {
			continue
		}
		if r, missing := fits(k, &l); missing == "" {
			return plan{kind: k, role: r, layout: l}, ""
		} else if l.Strong > bestStrong {
			bestStrong, bestMissing = l.Strong, missing
		}
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
