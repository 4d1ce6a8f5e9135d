package pipeline

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"strings"

	"github.com/paicha/paicha/pipeline/header"
	"github.com/paicha/paicha/pipeline/write"
)

//go:embed prepare.sql
var prepareSQL string

// KeyTable is the 重点户 categories' table (SPEC §5.5: hh_key, category), which
// the rules leave where they compute them; prepare reads it when it exists.
const KeyTable = "key_household"

// keyNames are the §5.5 categories 2–10, which put a household on a form's
// 重点户 sheet.
const keyNames = `(VALUES (2, '收入较低或明显减少'), (3, '分散供养特困人员'), (4, '农村低保对象'),
	(5, '残疾人家庭'), (6, '多子女非义务教育在读'), (7, '务工收入占比高'),
	(8, '因病因灾刚性支出较大或收入缩减'), (9, '失能老人、留守儿童'), (10, '有劳动能力监测对象超过一年未消除')) n(category, name)`

// KeyColumn heads the forms' column of 重点户 categories. compare does not
// read it: it tells the surveyor why the household is on the 重点户 sheet.
const KeyColumn = "重点户类别"

// formField is a column of the survey form: a field of header.Survey,
// headed by its first (canonical) name, filled from prep_form's column of
// the same name, or left blank to be filled in.
type formField struct {
	field string
	kind  write.Kind
	fill  bool // pre-filled from last year
	every bool // on every person row, not only the household's first
}

// formFields are the form's columns in order (SPEC §6.2): where the
// household is, what is known of it, its persons, then what the surveyor
// fills in. A field the survey reader does not know is left off, so the
// form never carries a column compare would not read.
var formFields = []formField{
	{field: "township", fill: true}, {field: "village", fill: true},
	{field: "hh_no", kind: write.Code, fill: true, every: true},
	{field: "hh_type", fill: true}, {field: "monitor_type", fill: true},
	{field: "monitor_since", kind: write.Date, fill: true}, {field: "eliminated", fill: true},
	{field: "elim_way", fill: true}, {field: "elim_date", kind: write.Date, fill: true},
	{field: "name", fill: true, every: true}, {field: "id", kind: write.ID, fill: true, every: true},
	{field: "relation", fill: true, every: true}, {field: "health", fill: true, every: true},
	{field: "labor", fill: true, every: true}, {field: "disability", every: true},
	{field: "status", fill: true, every: true}, {field: "status_date", kind: write.Date, fill: true, every: true},
	{field: "size_declared", kind: write.Int},
	{field: "wage", kind: write.Money}, {field: "business", kind: write.Money},
	{field: "business_cost", kind: write.Money}, {field: "property", kind: write.Money},
	{field: "transfer", kind: write.Money}, {field: "claims", kind: write.Money},
	{field: "selfpay", kind: write.Money}, {field: "pc_declared", kind: write.Money},
	{field: "edu"}, {field: "med"}, {field: "house"}, {field: "water"},
	{field: "fallback"},
}

// FormSheets are the forms' category sheets, in the order a household is
// placed on the first that applies (SPEC §6.2).
var FormSheets = []write.FormSheet{
	{Name: "监测户", Empty: "本村没有监测户。"},
	{Name: "脱贫户", Empty: "本村没有（未纳入监测的）脱贫户。"},
	{Name: "重点户", Empty: "本村没有重点户。"},
	{Name: "一般户", Empty: "本村没有其他一般户。"},
}

// noKeyNote is the 重点户 sheet's note while the run computes no categories.
const noKeyNote = "本次未计算重点户类别（需部门比对数据），重点户按户类型列在其他工作表中。"

// Prepare writes what the surveyors carry to each household before the
// survey (SPEC §6.2): the pre-filled forms and the 一卡通 statements, from
// last year's survey and the card data, into cfg.Out atomically.
func Prepare(ctx context.Context, cfg Config) (*Report, error) {
	rep, err := prepare(ctx, cfg)
	if err != nil {
		return nil, maskedError{err}
	}
	return rep, nil
}

func prepare(ctx context.Context, cfg Config) (*Report, error) {
	rep := &Report{}
	// The rules give the forms their categories (monitored, 重点户) and
	// the statements the excluded items.
	db, conn, err := loadAndRun(ctx, &cfg, rep)
	if err != nil {
		return nil, err
	}
	defer db.cleanup()
	defer conn.Close()

	t := rep.begin()
	haveKey, err := prepareViews(ctx, conn)
	if err != nil {
		return nil, err
	}
	rep.stage("views", t)

	t = rep.begin()
	cfg.report("write", 0, 1)
	forms, err := prepareForms(conn, haveKey)
	if err != nil {
		return nil, err
	}
	var first, last sql.NullTime
	if err := conn.QueryRowContext(ctx, `SELECT first_day, last_day FROM prep_span`).Scan(&first, &last); err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	summary := write.Summary{Sheets: rep.Sheets, Notices: rep.Notices, Counts: rep.Counts, Parameters: cfg.Params.Summary()}
	sum, err := summary.JSON()
	if err != nil {
		return nil, err
	}
	out := write.Output{
		Dir:   cfg.Out,
		Forms: forms,
		Statements: &write.Statements{First: first.Time, Last: last.Time,
			Rows: streamQuery(conn, `SELECT township, village, kind, a, b, c, d, e, f, g FROM prep_statement`, write.StatementFields)},
		Files: map[string][]byte{"summary.json": sum},
	}
	if err := write.Write(ctx, out); err != nil {
		return nil, err
	}
	cfg.report("write", 1, 1)
	rep.stage("write", t)
	conn.Close()
	return rep, db.keep()
}

// prepareViews creates the views of the forms and statements over the
// loaded tables and the rules' (prepare.sql), reading the 重点户 categories
// when the run computed them (haveKey).
func prepareViews(ctx context.Context, conn *sql.Conn) (haveKey bool, err error) {
	if haveKey, err = tableExists(ctx, conn, KeyTable); err != nil {
		return false, err
	}
	q := prepareSQL
	if haveKey {
		q = strings.Replace(q, "/*KEY*/", `UNION ALL
			SELECT k.hh_key, string_agg(k.category::VARCHAR || ' ' || n.name, '、' ORDER BY k.category)
			FROM (SELECT DISTINCT hh_key, category FROM `+KeyTable+`) k JOIN `+keyNames+` ON n.category = k.category
			GROUP BY k.hh_key`, 1)
	}
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return false, fmt.Errorf("pipeline: prepare.sql: %w", err)
	}
	return haveKey, nil
}

// prepareForms describes the forms: their columns, from header.Survey's
// canonical names, and the query of their rows.
func prepareForms(conn *sql.Conn, haveKey bool) (*write.Forms, error) {
	canonical := map[string]string{}
	for _, f := range header.Survey {
		canonical[f.Name] = f.Aliases[0]
	}
	fm := &write.Forms{Sheets: append([]write.FormSheet(nil), FormSheets...)}
	sel := []string{"coalesce(township, '')", "coalesce(village, '')", "sheet::VARCHAR", "CASE WHEN departed THEN '1' ELSE '' END"}
	for _, f := range formFields {
		name, ok := canonical[f.field]
		if !ok {
			continue
		}
		fm.Columns = append(fm.Columns, write.Column{Name: name, Kind: f.kind})
		switch {
		case !f.fill:
			sel = append(sel, "''")
		case f.every:
			sel = append(sel, f.field)
		default:
			sel = append(sel, "CASE WHEN first THEN "+f.field+" ELSE '' END")
		}
	}
	if haveKey {
		fm.Columns = append(fm.Columns, write.Column{Name: KeyColumn, Width: 30})
		sel = append(sel, "CASE WHEN first THEN key_cats ELSE '' END")
	} else {
		fm.Sheets[2].Empty = noKeyNote
	}
	fm.Rows = streamQuery(conn, `SELECT `+strings.Join(sel, ", ")+` FROM prep_form`, len(sel))
	return fm, nil
}

func tableExists(ctx context.Context, conn *sql.Conn, name string) (bool, error) {
	var ok bool
	err := conn.QueryRowContext(ctx, `SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = ?`, name).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("pipeline: %w", err)
	}
	return ok, nil
}

// streamQuery yields the rows of q (all VARCHAR) in its order.
func streamQuery(conn *sql.Conn, q string, ncol int) func(context.Context, func([]string) error) error {
	return streamView(conn, "("+q+")", ncol)
}
