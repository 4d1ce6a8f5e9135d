package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// Repeat is the number of rows of one file and sheet skipped as repeated serials.
type Repeat struct {
	File, Sheet string
	FileOrd     int
	SheetOrd    int
	Rows        int
}

// Finish runs once every session is closed: it inserts the rows the
// sessions left (leftovers.go), gives the queries their threads back,
// fills the source table, and a serial repeated anywhere in the card (or
// medical) data counts once — the first row in input order stays, each
// later one moves to card_duplicate (medical_duplicate), naming the first
// (SPEC §3.1, §3.2). Households listed twice under one key keep
// their first record.
// Then the last checkpoint runs, when the tables are big enough to compress
// (checkpoint.go). It returns the repeats per file and sheet for the
// accounting.
func (db *DB) Finish(ctx context.Context) ([]Repeat, error) {
	// A checkpoint still running would set the loading's one thread again.
	if err := db.ckpt.wait(); err != nil {
		return nil, err
	}
	// Still on the loading's one thread an INSERT, as the sessions were: on
	// the queries' threads the leftovers took 0.21-0.44 s instead of
	// 0.13 s (130k county).
	if err := db.insertLeftovers(ctx); err != nil {
		return nil, err
	}
	if _, err := db.SQL.ExecContext(ctx, db.threads); err != nil {
		return nil, fmt.Errorf("load: %s: %w", db.threads, err)
	}
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("load: finish: %w", err)
	}
	defer conn.Close()
	var stmts []string
	if insert := db.sources.insertSQL(); insert != "" {
		stmts = append(stmts, insert)
	}
	// The 一卡通 rows are read through the view card and deleted from the
	// table card_rows (schema.sql).
	for _, t := range []struct{ name, stored, read, hidden string }{
		{"card", "card_rows", "card_of('%s')", ""},
		{"medical", "medical", "%s", ", serial_hash"},
	} {
		// The window (a sort of every row by serial) runs only over the
		// rows whose serial's fingerprint occurs more than once
		// (serials.go), which partitioning by the serial sorts out, and
		// over rows put in by other means than a session (tests), which
		// have no fingerprint. Those candidates are picked from the stored
		// table before anything else is read of them: through the view
		// card, every row's labels would be joined first.
		// The repeats name their file and sheet and those of the first row.
		if err := db.fingerprintOthers(ctx, conn, t.stored); err != nil {
			return nil, err
		}
		repeats := "serial_repeats_" + t.stored
		if err := db.loadRepeats(ctx, conn, repeats, db.serials.repeated(t.stored)); err != nil {
			return nil, err
		}
		candidates := "serial_candidates_" + t.stored
		stmts = append(stmts,
			fmt.Sprintf(`CREATE TEMP VIEW %[1]s AS SELECT * FROM %[2]s
			WHERE serial <> '' AND (serial_hash IN (SELECT h FROM %[3]s) OR serial_hash IS NULL)`, candidates, t.stored, repeats),
			fmt.Sprintf(`CREATE TABLE %[1]s_duplicate AS
			SELECT d.* EXCLUDE (rn, first_file_ord, first_sheet_ord%[3]s),
			       s.src_file, s.src_sheet, f.src_file AS first_file, f.src_sheet AS first_sheet
			FROM (
				SELECT *,
				       row_number() OVER w AS rn,
				       first_value(file_ord) OVER w AS first_file_ord,
				       first_value(sheet_ord) OVER w AS first_sheet_ord,
				       first_value(src_row) OVER w AS first_row
				FROM %[2]s
				WINDOW w AS (PARTITION BY serial ORDER BY file_ord, sheet_ord, src_row
				             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
			) d
			LEFT JOIN source s ON s.file_ord = d.file_ord AND s.sheet_ord = d.sheet_ord
			LEFT JOIN source f ON f.file_ord = d.first_file_ord AND f.sheet_ord = d.first_sheet_ord
			WHERE d.rn > 1`, t.name, fmt.Sprintf(t.read, candidates), t.hidden),
			fmt.Sprintf(`DELETE FROM %[2]s USING %[1]s_duplicate d
			WHERE %[2]s.file_ord = d.file_ord AND %[2]s.sheet_ord = d.sheet_ord AND %[2]s.src_row = d.src_row`, t.name, t.stored),
			"DROP VIEW "+candidates, "DROP TABLE "+repeats)
	}
	stmts = append(stmts, `DELETE FROM household USING (
			SELECT file_ord, sheet_ord, src_row FROM (
				SELECT file_ord, sheet_ord, src_row,
				       row_number() OVER (PARTITION BY hh_key ORDER BY file_ord, sheet_ord, src_row) AS rn
				FROM household) WHERE rn > 1) d
		WHERE household.file_ord = d.file_ord AND household.sheet_ord = d.sheet_ord AND household.src_row = d.src_row`)
	if db.settle.Load() {
		stmts = append(stmts, settleGuarantees...)
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return nil, fmt.Errorf("load: finish: %w", err)
		}
	}
	// Last, not first: DuckDB 1.5 can leave out of a checkpoint a row group
	// committed while the one before ran (TestCheckpointsCompress found the
	// last batch uncompressed one run in three, even after two checkpoints
	// in a row); once Finish's own statements have committed, it is not
	// (0 failures in 15).
	if err := db.ckpt.last(ctx); err != nil {
		return nil, err
	}
	rows, err := db.SQL.QueryContext(ctx, `
		SELECT src_file, src_sheet, file_ord, sheet_ord, count(*) FROM (
			SELECT src_file, src_sheet, file_ord, sheet_ord FROM card_duplicate
			UNION ALL
			SELECT src_file, src_sheet, file_ord, sheet_ord FROM medical_duplicate)
		GROUP BY ALL ORDER BY file_ord, sheet_ord`)
	if err != nil {
		return nil, fmt.Errorf("load: finish: %w", err)
	}
	defer rows.Close()
	var out []Repeat
	for rows.Next() {
		var r Repeat
		if err := rows.Scan(&r.File, &r.Sheet, &r.FileOrd, &r.SheetOrd, &r.Rows); err != nil {
			return nil, fmt.Errorf("load: finish: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// loadRepeats puts the fingerprints into a temporary table of the
// connection, through DuckDB's appender.
func (db *DB) loadRepeats(ctx context.Context, conn *sql.Conn, table string, fps []int32) error {
	if _, err := conn.ExecContext(ctx, "CREATE TEMP TABLE "+table+" (h INTEGER)"); err != nil {
		return fmt.Errorf("load: finish: %w", err)
	}
	err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return err
		}
		for _, fp := range fps {
			if err := a.AppendRow(fp); err != nil {
				return errors.Join(err, a.Close())
			}
		}
		return a.Close()
	})
	if err != nil {
		return fmt.Errorf("load: finish: %s: %w", table, err)
	}
	return nil
}

// fingerprintOthers adds to the table's fingerprints those of the serials
// of rows that came without one.
func (db *DB) fingerprintOthers(ctx context.Context, conn *sql.Conn, table string) error {
	rows, err := conn.QueryContext(ctx, "SELECT serial FROM "+table+" WHERE serial_hash IS NULL AND serial <> ''")
	if err != nil {
		return fmt.Errorf("load: finish: %w", err)
	}
	defer rows.Close()
	var log serialLog
	for rows.Next() {
		var serial string
		if err := rows.Scan(&serial); err != nil {
			return fmt.Errorf("load: finish: %w", err)
		}
		log.add(db.serials.of(serial))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load: finish: %w", err)
	}
	db.serials.keep(table, &log)
	return nil
}

// SettleGuarantees tells Finish that a survey sheet's column named like a
// guarantee held values other than 是/否, which settleGuarantees resolves:
// where none did (the village forms), the statements need not run.
func (s *Session) SettleGuarantees() { s.db.settle.Store(true) }

// settleGuarantees decides, once a survey sheet is read, what its columns
// named like a guarantee were (SPEC §3.3.1): the reader loads each
// household's value both ways and tells in sheet_field which the sheet's
// majority made it — g_* for a status column, m_* for a measure column.
// A guarantee its sheet gave by no status column is unknown (NULL), its
// C_GUARANTEE_VALUE findings go, and measure text under a status column
// goes. Sheets without sheet_field rows (tests that load rows directly) are
// left as they are.
var settleGuarantees = func() []string {
	const sheetHas = `EXISTS (SELECT 1 FROM sheet_field f WHERE f.file_ord = %[1]s.file_ord AND f.sheet_ord = %[1]s.sheet_ord%[2]s)`
	has := func(table, field string) string {
		if field == "" {
			return fmt.Sprintf(sheetHas, table, "")
		}
		return fmt.Sprintf(sheetHas, table, " AND f.field = '"+field+"'")
	}
	var stmts []string
	for _, g := range []struct{ column, measure, label, header string }{
		{"g_edu", "m_compulsory_edu", "义务教育", "义务教育保障"},
		{"g_med", "", "基本医疗", "基本医疗保障"},
		{"g_house", "m_housing", "住房安全", "住房安全保障"},
		{"g_water", "m_water", "饮水安全", "饮水安全保障"},
	} {
		stmts = append(stmts,
			fmt.Sprintf(`UPDATE household SET %[1]s = NULL,
				g_source = regexp_replace(g_source, '%[2]s：[^；]*', '%[2]s：未知（%[3]s列为帮扶措施）')
			WHERE g_source LIKE '%%%[2]s：%[3]s=%%' AND %[4]s AND NOT %[5]s`,
				g.column, g.label, g.header, has("household", ""), has("household", g.column)),
			fmt.Sprintf(`DELETE FROM survey_issue WHERE code = 'C_GUARANTEE_VALUE' AND field = '%[1]s' AND %[2]s AND NOT %[3]s`,
				g.column, has("survey_issue", ""), has("survey_issue", g.column)))
		if g.measure != "" {
			stmts = append(stmts, fmt.Sprintf(`UPDATE household SET %[1]s = NULL
				WHERE %[1]s IS NOT NULL AND %[2]s AND NOT %[3]s`, g.measure, has("household", ""), has("household", g.measure)))
		}
	}
	return stmts
}()
