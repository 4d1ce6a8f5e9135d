package load

import (
	"context"
	"fmt"
)

// Repeat is the number of rows of one file and sheet skipped as repeated serials.
type Repeat struct {
	File, Sheet string
	FileOrd     int
	SheetOrd    int
	Rows        int
}

// Finish runs once every session is closed: it gives the queries their
// threads back, fills the source table, and a serial repeated anywhere in
// the card (or medical) data counts once — the first row in input order
// stays, each later one moves to card_duplicate (medical_duplicate), naming
// the first (SPEC §3.1, §3.2). Households listed twice under one key keep
// their first record.
// Then the last checkpoint runs, when the tables are big enough to compress
// (checkpoint.go). It returns the repeats per file and sheet for the
// accounting.
func (db *DB) Finish(ctx context.Context) ([]Repeat, error) {
	// A checkpoint still running would set the loading's one thread again.
	if err := db.ckpt.wait(); err != nil {
		return nil, err
	}
	if _, err := db.SQL.ExecContext(ctx, db.threads); err != nil {
		return nil, fmt.Errorf("load: %s: %w", db.threads, err)
	}
	var stmts []string
	if insert := db.sources.insertSQL(); insert != "" {
		stmts = append(stmts, insert)
	}
	// The 一卡通 rows are read through the view card and deleted from the
	// table card_rows (schema.sql).
	for _, t := range []struct{ read, stored string }{{"card", "card_rows"}, {"medical", "medical"}} {
		// The window (a sort of every row by serial) runs only over the
		// serials that occur more than once, found among the serials' hashes
		// sorted, as a hash equal to the one before: sorting integers takes
		// two thirds of the time of grouping them and less memory than a
		// table of every serial (31M payment rows: 2.0 s against 2.8-3.4; grouping
		// the serials themselves took 9.9). The window partitions by the
		// serial, so two serials of one hash only add rows to look at; so
		// the hashes are cut to 32 bits, which sort in three quarters of the
		// time (3.1M serials: 0.19-0.26 s against 0.25-0.35) for about a
		// thousand more rows to look at (n²/2³³ pairs: 112k at 31M rows).
		// The repeats name their file and sheet and those of the first row.
		stmts = append(stmts,
			fmt.Sprintf(`CREATE TABLE %[1]s_duplicate AS
			SELECT d.* EXCLUDE (rn, first_file_ord, first_sheet_ord),
			       s.src_file, s.src_sheet, f.src_file AS first_file, f.src_sheet AS first_sheet
			FROM (
				SELECT *,
				       row_number() OVER w AS rn,
				       first_value(file_ord) OVER w AS first_file_ord,
				       first_value(sheet_ord) OVER w AS first_sheet_ord,
				       first_value(src_row) OVER w AS first_row
				FROM %[1]s
				WHERE serial <> '' AND (hash(serial) >> 32)::UINTEGER IN (
					SELECT h FROM (SELECT (hash(serial) >> 32)::UINTEGER AS h FROM %[2]s WHERE serial <> '')
					QUALIFY lag(h) OVER (ORDER BY h) = h)
				WINDOW w AS (PARTITION BY serial ORDER BY file_ord, sheet_ord, src_row
				             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
			) d
			LEFT JOIN source s ON s.file_ord = d.file_ord AND s.sheet_ord = d.sheet_ord
			LEFT JOIN source f ON f.file_ord = d.first_file_ord AND f.sheet_ord = d.first_sheet_ord
			WHERE d.rn > 1`, t.read, t.stored),
			fmt.Sprintf(`DELETE FROM %[2]s USING %[1]s_duplicate d
			WHERE %[2]s.file_ord = d.file_ord AND %[2]s.sheet_ord = d.sheet_ord AND %[2]s.src_row = d.src_row`, t.read, t.stored))
	}
	stmts = append(stmts, `DELETE FROM household USING (
			SELECT file_ord, sheet_ord, src_row FROM (
				SELECT file_ord, sheet_ord, src_row,
				       row_number() OVER (PARTITION BY hh_key ORDER BY file_ord, sheet_ord, src_row) AS rn
				FROM household) WHERE rn > 1) d
		WHERE household.file_ord = d.file_ord AND household.sheet_ord = d.sheet_ord AND household.src_row = d.src_row`)
	for _, s := range stmts {
		if _, err := db.SQL.ExecContext(ctx, s); err != nil {
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
