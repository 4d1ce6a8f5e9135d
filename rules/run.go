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
	OutChecks        = "out_checks" // SPEC §6.1 checks.csv, the 数据核实 sheet
)

// Counts are the per-rule counts for summary.json.
type Counts struct {
	Discrepancies  map[string]int `json:"discrepancies"`    // per code that ran, zeros included
	Checks         map[string]int `json:"checks"`           // per code that ran, zeros included
	NotRun         []string       `json:"checks_not_run"`   // codes whose needs the inputs lacked, sorted
	Candidates     map[string]int `json:"candidates"`       // per 候选类型
	Elimination    map[string]int `json:"elimination"`      // per 建议
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
			c.NotRun = append(c.NotRun, r.Code)
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
		%d AS scale_min_households`,
		p.WindowStart, p.WindowEnd, p.AsOf, p.Line, p.TolTransfer, p.TolSelfpay, p.MedicalAlert,
		p.DropRatio, p.ElimMonths, p.OldAge,
		p.LaborOldAge, p.IncomeUnit, p.ScaleShare, p.ScaleMinHouseholds)
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
	return nil
}

func newCounts() *Counts {
	return &Counts{Discrepancies: map[string]int{}, Checks: map[string]int{}, NotRun: []string{},
		Candidates: map[string]int{}, Elimination: map[string]int{}}
}

// count fills c from the tables the rules that ran left.
func (c *Counts) count(ctx context.Context, conn *sql.Conn, ran []Rule) error {
	perCode := map[string]map[string]int{"discrepancy": c.Discrepancies, "check": c.Checks}
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
		default:
			dst[r.Code] = 0
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
