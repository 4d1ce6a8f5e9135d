package rules

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
)

//go:embed sql/*.sql sql/discrepancy/*.sql
var sqlFiles embed.FS

// Stages run in this order; each later one reads the tables of the earlier ones.
var stages = []string{"income", "candidates", "elimination", "discrepancies"}

// Codes lists the discrepancy codes of SPEC §5.3 in the SPEC's order; each
// has sql/discrepancy/<lower-case code>.sql.
var Codes = []string{
	"ID_INVALID", "NAME_MISMATCH", "MULTI_HOUSEHOLD", "SIZE_MISMATCH",
	"TRANSFER_MISMATCH", "SELFPAY_MISMATCH", "INCOME_LINE_CROSS",
	"CARD_NOT_SURVEYED", "MEDICAL_NOT_SURVEYED", "HIGH_MEDICAL", "INCOME_DROP",
	"GUARANTEE_RISK", "PAID_AFTER_DEATH", "DUPLICATE_RECORD",
}

// Output views the rules leave behind, with the SPEC §6 columns in order and
// rows sorted: the report writers read these.
const (
	OutCandidates    = "out_candidates"
	OutElimination   = "out_elimination"
	OutDiscrepancies = "out_discrepancies"
)

// Counts are the per-rule counts for summary.json.
type Counts struct {
	Discrepancies  map[string]int `json:"discrepancies"`    // per code, every code present
	Candidates     map[string]int `json:"candidates"`       // per 候选类型
	Elimination    map[string]int `json:"elimination"`      // per 建议
	Households     int            `json:"households"`       // classified households (n > 0)
	EmptyHousehold int            `json:"empty_households"` // n = 0, not classified
}

// Run applies every rule to the loaded tables on conn (household, person,
// card, card_duplicate, medical, medical_duplicate; see the loader's schema).
func Run(ctx context.Context, conn *sql.Conn, p Params) (*Counts, error) {
	return RunProgress(ctx, conn, p, nil)
}

// RunProgress is Run telling progress, if not nil, how many of the rule
// files have run (done of total) after each one.
func RunProgress(ctx context.Context, conn *sql.Conn, p Params, progress func(done, total int)) (*Counts, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := setParams(ctx, conn, p); err != nil {
		return nil, err
	}
	total, done := len(stages)+len(Codes), 0
	step := func() {
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	for _, s := range stages {
		if err := execFile(ctx, conn, "sql/"+s+".sql", ""); err != nil {
			return nil, err
		}
		step()
	}
	for _, c := range Codes {
		if err := execFile(ctx, conn, "sql/discrepancy/"+strings.ToLower(c)+".sql", "INSERT INTO discrepancy "); err != nil {
			return nil, err
		}
		step()
	}
	return count(ctx, conn)
}

// SQL returns the text of one embedded rule file, e.g. "income" or
// "discrepancy/id_invalid", for `paicha explain` and the tests.
func SQL(name string) (string, error) {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	return string(b), err
}

func execFile(ctx context.Context, conn *sql.Conn, name, prefix string) error {
	b, err := sqlFiles.ReadFile(name)
	if err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	text := strings.TrimSpace(string(b))
	if prefix != "" {
		text = prefix + "\n" + strings.TrimSuffix(text, ";")
	}
	if _, err := conn.ExecContext(ctx, text); err != nil {
		return fmt.Errorf("rules: %s: %w", name, err)
	}
	return nil
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

func count(ctx context.Context, conn *sql.Conn) (*Counts, error) {
	c := &Counts{Discrepancies: map[string]int{}, Candidates: map[string]int{}, Elimination: map[string]int{}}
	for _, code := range Codes {
		c.Discrepancies[code] = 0
	}
	queries := []struct {
		q   string
		dst map[string]int
	}{
		{`SELECT code, count(*) FROM discrepancy GROUP BY code`, c.Discrepancies},
		{`SELECT candidate_type, count(*) FROM candidates GROUP BY 1`, c.Candidates},
		{`SELECT CASE WHEN reasons = '' THEN '风险消除' ELSE '暂不消除' END, count(*) FROM elimination GROUP BY 1`, c.Elimination},
	}
	for _, q := range queries {
		rows, err := conn.QueryContext(ctx, q.q)
		if err != nil {
			return nil, fmt.Errorf("rules: counts: %w", err)
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("rules: counts: %w", err)
			}
			q.dst[k] = n
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	err := conn.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE n > 0), count(*) FILTER (WHERE n = 0) FROM hh_income`).
		Scan(&c.Households, &c.EmptyHousehold)
	if err != nil {
		return nil, fmt.Errorf("rules: counts: %w", err)
	}
	return c, nil
}
