package rules

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Output views the rules leave behind, with the SPEC §6 columns in order and
// rows sorted: the report writers read these.
const (
	OutCandidates    = "out_candidates"
	OutElimination   = "out_elimination"
	OutDiscrepancies = "out_discrepancies"
	OutChecks        = "out_checks"         // SPEC §6.1 checks.csv, the 数据核实 sheet
	OutKeyHouseholds = "out_key_households" // key_households.csv, the 重点户 sheet
	OutKeyStats      = "out_key_stats"      // the 分类统计 sheet
	OutSystemOps     = "out_system_ops"     // SPEC §6.2: the 系统操作清单
)

// DeclaredListsCode is the generic rule of the [[lists]] blocks (SPEC §3.5):
// summary.json counts each block's code instead of it.
const DeclaredListsCode = "DECLARED_LISTS"

// Counts are the per-rule counts for summary.json.
type Counts struct {
	Discrepancies map[string]int `json:"discrepancies"`  // per code that ran, zeros included
	Checks        map[string]int `json:"checks"`         // per code that ran, zeros included
	NotRun        []string       `json:"checks_not_run"` // codes whose needs the inputs lacked, sorted
	Candidates    map[string]int `json:"candidates"`     // per 候选类型
	Elimination   map[string]int `json:"elimination"`    // per 建议
	KeyHouseholds map[string]int `json:"key_households"` // per 重点户 category "1".."10", zeros included
	// ListUnplaced counts the department list rows of people in no survey
	// household that LIST_NOT_SURVEYED does not report: no_village, urban
	// (城市低保, 城市特困, 集中供养); only when the rule ran.
	ListUnplaced   map[string]int `json:"list_not_surveyed_unreported,omitempty"`
	Households     int            `json:"households"`       // classified households (n > 0)
	EmptyHousehold int            `json:"empty_households"` // n = 0, not classified
}

// Run applies every rule to the loaded tables on conn (household, person,
// card, card_duplicate, medical, medical_duplicate, sheet_field, input_kind;
// see the loader's schema).
func Run(ctx context.Context, conn *sql.Conn, p Params) (*Counts, error) {
	return RunProgress(ctx, conn, p, nil)
}

// RunProgress is Run telling progress, if not nil, how many of the rule
// files have run (done of total) after each one.
func RunProgress(ctx context.Context, conn *sql.Conn, p Params, progress func(done, total int)) (*Counts, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	all, err := registry()
	if err != nil {
		return nil, err
	}
	return run(ctx, conn, p, all, progress)
}

func run(ctx context.Context, conn *sql.Conn, p Params, all []Rule, progress func(done, total int)) (*Counts, error) {
	if err := setParams(ctx, conn, p); err != nil {
		return nil, err
	}
	if err := setVerdictText(ctx, conn, p); err != nil {
		return nil, err
	}
	if err := loadRuleInfo(ctx, conn, all); err != nil {
		return nil, err
	}
	have, err := present(ctx, conn)
	if err != nil {
		return nil, err
	}
	var ran []Rule
	c := newCounts()
	for _, r := range all {
		if !r.Setup && !have.meet(r.Needs) {
			// checks_not_run tells which findings could not be looked for;
			// a 系统操作清单 row not written is no missing finding.
			if r.Stage != "ops" {
				c.NotRun = append(c.NotRun, r.Code)
			}
			continue
		}
		ran = append(ran, r)
	}
	sort.Strings(c.NotRun)
	for i, r := range ran {
		if err := execRule(ctx, conn, r); err != nil {
			return nil, err
		}
		if progress != nil {
			progress(i+1, len(ran))
		}
	}
	if err := c.count(ctx, conn, ran); err != nil {
		return nil, err
	}
	return c, nil
}

func execRule(ctx context.Context, conn *sql.Conn, r Rule) error {
	text := strings.TrimSpace(r.Text)
	if t := stageTable(r.Stage); t != "" && !r.Setup {
		text = "INSERT INTO " + t + "\n" + strings.TrimSuffix(text, ";")
	}
	if _, err := conn.ExecContext(ctx, text); err != nil {
		return fmt.Errorf("rules: %s (%s): %w", r.Code, r.File, err)
	}
	return nil
}

func stageTable(name string) string {
	for _, s := range Stages {
		if s.Name == name {
			return s.Table
		}
	}
	return ""
}

// loadRuleInfo writes the registry into the table rule_info, so that the
// rules' output views can take titles and levels from it.
func loadRuleInfo(ctx context.Context, conn *sql.Conn, all []Rule) error {
	stmt := `CREATE OR REPLACE TABLE rule_info (code VARCHAR, title VARCHAR, level VARCHAR, basis VARCHAR, stage VARCHAR)`
	if _, err := conn.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("rules: rule_info: %w", err)
	}
	var values []string
	var args []any
	for _, r := range all {
		values = append(values, "(?, ?, ?, ?, ?)")
		args = append(args, r.Code, r.Title, r.Level, r.Basis, r.Stage)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO rule_info VALUES `+strings.Join(values, ", "), args...); err != nil {
		return fmt.Errorf("rules: rule_info: %w", err)
	}
	return nil
}

// inputs are the survey fields and input kinds a run has.
type inputs map[string]bool

// present reads which fields some survey sheet has a column for and which
// kinds of input were read.
func present(ctx context.Context, conn *sql.Conn) (inputs, error) {
	have := inputs{}
	rows, err := conn.QueryContext(ctx, `SELECT DISTINCT field FROM sheet_field UNION SELECT DISTINCT 'input:' || kind FROM input_kind`)
	if err != nil {
		return nil, fmt.Errorf("rules: needs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("rules: needs: %w", err)
		}
		have[s] = true
	}
	return have, rows.Err()
}

// meet reports whether every need has one of its alternatives.
func (have inputs) meet(needs [][]string) bool {
	for _, alts := range needs {
		ok := false
		for _, a := range alts {
			ok = ok || have[a]
		}
		if !ok {
			return false
		}
	}
	return true
}

func setParams(ctx context.Context, conn *sql.Conn, p Params) error {
	// Values are typed and validated Go values, so formatting them into the
	// statement is safe; it keeps every parameter visible in one row.
	stmt := fmt.Sprintf(`CREATE OR REPLACE TABLE params AS SELECT
		DATE '%s' AS window_start, DATE '%s' AS window_end, DATE '%s' AS as_of,
		CAST('%s' AS DECIMAL(18,2)) AS line,
		CAST('%s' AS DECIMAL(18,2)) AS tol_transfer,
		CAST('%s' AS DECIMAL(18,2)) AS tol_selfpay,
		CAST('%s' AS DECIMAL(18,2)) AS medical_alert,
		CAST('%s' AS DECIMAL(18,6)) AS drop_ratio,
		%d AS elim_months, %d AS old_age,
		%d AS labor_old_age,
		CAST('%s' AS DECIMAL(18,2)) AS income_unit,
		CAST('%s' AS DECIMAL(18,6)) AS scale_share,
		%d AS scale_min_households,
		CAST('%s' AS DECIMAL(18,6)) AS aid_margin,
		CAST('%s' AS DECIMAL(18,6)) AS key_wage_share`,
		p.WindowStart, p.WindowEnd, p.AsOf, p.Line, p.TolTransfer, p.TolSelfpay, p.MedicalAlert,
		p.DropRatio, p.ElimMonths, p.OldAge,
		p.LaborOldAge, p.IncomeUnit, p.ScaleShare, p.ScaleMinHouseholds, p.AidMargin, p.KeyWageShare)
	if _, err := conn.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("rules: params: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TABLE exclude_item (word VARCHAR)`); err != nil {
		return fmt.Errorf("rules: exclude_item: %w", err)
	}
	for _, w := range p.ExcludeItems {
		if _, err := conn.ExecContext(ctx, `INSERT INTO exclude_item VALUES (?)`, w); err != nil {
			return fmt.Errorf("rules: exclude_item: %w", err)
		}
	}
	return setLists(ctx, conn, p.Lists)
}

// setLists writes the [[lists]] blocks into list_decl and list_where, which
// the generic list rule (sql/list/lists_generic.sql) reads as data.
func setLists(ctx context.Context, conn *sql.Conn, lists []List) error {
	for _, stmt := range []string{
		`CREATE OR REPLACE TABLE list_decl (code VARCHAR, label VARCHAR, source VARCHAR,
			use VARCHAR, use_arg VARCHAR, scope VARCHAR, within_window BOOLEAN)`,
		`CREATE OR REPLACE TABLE list_where (code VARCHAR, value VARCHAR, negate BOOLEAN)`,
	} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("rules: list_decl: %w", err)
		}
	}
	for _, l := range lists {
		if _, err := conn.ExecContext(ctx, `INSERT INTO list_decl VALUES (?, ?, ?, ?, ?, ?, ?)`,
			l.Code, l.Label, l.Source, l.Use, l.UseArg, l.Scope, l.Within == "window"); err != nil {
			return fmt.Errorf("rules: list_decl: %w", err)
		}
		for _, w := range [][]string{l.In, l.NotIn} {
			for _, v := range w {
				if _, err := conn.ExecContext(ctx, `INSERT INTO list_where VALUES (?, ?, ?)`, l.Code, v, len(l.NotIn) > 0); err != nil {
					return fmt.Errorf("rules: list_where: %w", err)
				}
			}
		}
	}
	return nil
}

func newCounts() *Counts {
	return &Counts{Discrepancies: map[string]int{}, Checks: map[string]int{}, NotRun: []string{},
		Candidates: map[string]int{}, Elimination: map[string]int{}, KeyHouseholds: map[string]int{}}
}

// count fills c from the tables the rules that ran left.
func (c *Counts) count(ctx context.Context, conn *sql.Conn, ran []Rule) error {
	perCode := map[string]map[string]int{"discrepancy": c.Discrepancies, "list": c.Discrepancies, "check": c.Checks}
	type query struct {
		q   string
		dst map[string]int
	}
	var queries []query
	for _, r := range ran {
		dst := perCode[r.Stage]
		switch {
		case dst == nil:
		case r.Setup:
			queries = append(queries, query{`SELECT code, count(*) FROM ` + stageTable(r.Stage) + ` GROUP BY code`, dst})
		case r.Code == DeclaredListsCode:
			// stands for the [[lists]] blocks: each declared code, zeros included
			queries = append(queries, query{`SELECT d.code, count(x.code) FROM list_decl d LEFT JOIN discrepancy x ON x.code = d.code
				WHERE d.use IN ('asset', 'discrepancy') GROUP BY d.code`, dst})
		default:
			dst[r.Code] = 0
		}
	}
	for _, r := range ran {
		if r.Code == "LIST_NOT_SURVEYED" {
			c.ListUnplaced = map[string]int{"no_village": 0, "urban": 0}
			queries = append(queries, query{`SELECT reason, n FROM list_unplaced`, c.ListUnplaced})
		}
		if r.Setup && r.Stage == "key" {
			queries = append(queries, query{`SELECT c.category::VARCHAR, count(k.hh_key) FROM key_category c
				LEFT JOIN key_household k ON k.category = c.category GROUP BY c.category`, c.KeyHouseholds})
		}
	}
	queries = append(queries,
		query{`SELECT candidate_type, count(*) FROM candidates GROUP BY 1`, c.Candidates},
		query{`SELECT advice, count(*) FROM elimination GROUP BY 1`, c.Elimination})
	for _, q := range queries {
		rows, err := conn.QueryContext(ctx, q.q)
		if err != nil {
			return fmt.Errorf("rules: counts: %w", err)
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return fmt.Errorf("rules: counts: %w", err)
			}
			q.dst[k] = n
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	err := conn.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE n > 0), count(*) FILTER (WHERE n = 0) FROM hh_income`).
		Scan(&c.Households, &c.EmptyHousehold)
	if err != nil {
		return fmt.Errorf("rules: counts: %w", err)
	}
	return nil
}
