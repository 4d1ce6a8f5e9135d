// Package changes is the changes list of `paicha nightly` (changes.csv, the
// 变化 sheet): what is new, resolved or changed in this run's lists since
// the previous run's CSV files.
package changes

import (
	"bufio"
	"context"
	"database/sql"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paicha/paicha/rules"
)

//go:embed changes.sql
var changesSQL string

// Kinds are the values of the 变化 column.
var Kinds = []string{"新增", "已解决", "有变化"}

// NoPreviousRun says why a first run's changes list is empty.
const NoPreviousRun = "没有上次成功的运行：本次是第一次，变化清单为空，从下次运行起列出变化"

// View is the view of the changes list (changes.csv, sheet 变化).
const View = "out_changes"

// previousLists are the lists compared with the previous run: the table the
// previous CSV file is loaded into, the file, and this run's view.
var previousLists = []struct{ table, file, view string }{
	{"prev_candidates", "candidates.csv", rules.OutCandidates},
	{"prev_elimination", "elimination.csv", rules.OutElimination},
	{"prev_discrepancies", "discrepancies.csv", rules.OutDiscrepancies},
}

// Compute loads the previous run's lists from the folder prev (none when
// prev is "": a first run, whose list is empty) and computes the changes
// table and view (changes.sql); it returns the count per kind.
func Compute(ctx context.Context, conn *sql.Conn, prev string) (map[string]int, error) {
	for _, l := range previousLists {
		var cols []string
		var err error
		file := ""
		if prev != "" {
			file = filepath.Join(prev, l.file)
			cols, err = csvHeader(file)
		} else {
			cols, err = columns(ctx, conn, l.view)
		}
		if err != nil {
			return nil, fmt.Errorf("changes: 上次运行的清单: %w", err)
		}
		if len(cols) == 0 {
			return nil, fmt.Errorf("changes: 上次运行的清单 %s 没有表头", file)
		}
		defs := make([]string, len(cols))
		for i, c := range cols {
			defs[i] = quoteIdent(c) + " VARCHAR"
		}
		stmt := `CREATE OR REPLACE TABLE ` + l.table + ` (` + strings.Join(defs, ", ") + `)`
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return nil, fmt.Errorf("changes: %s: %w", l.table, err)
		}
		if file == "" {
			continue
		}
		// The header is given (it was read above), so the CSV sniffer never
		// guesses, a header-only file is an empty list, and the BOM on the
		// header line does not matter.
		colSpec := make([]string, len(cols))
		for i, c := range cols {
			colSpec[i] = quoteString(c) + ": 'VARCHAR'"
		}
		stmt = `INSERT INTO ` + l.table + ` SELECT * FROM read_csv(` + quoteString(file) +
			`, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {` +
			strings.Join(colSpec, ", ") + `})`
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return nil, fmt.Errorf("changes: 上次运行的清单 %s: %w", file, err)
		}
	}
	if _, err := conn.ExecContext(ctx, changesSQL); err != nil {
		return nil, fmt.Errorf("changes: changes.sql: %w", err)
	}
	if prev == "" {
		// A first run: nothing to compare with, so no changes (not every row new).
		if _, err := conn.ExecContext(ctx, `DELETE FROM changes`); err != nil {
			return nil, fmt.Errorf("changes: changes: %w", err)
		}
	}
	counts := map[string]int{}
	for _, k := range Kinds {
		counts[k] = 0
	}
	rows, err := conn.QueryContext(ctx, `SELECT change, count(*) FROM changes GROUP BY 1`)
	if err != nil {
		return nil, fmt.Errorf("changes: changes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		counts[k] = n
	}
	return counts, rows.Err()
}

// csvHeader reads the header line of one of our CSV files (UTF-8, BOM).
func csvHeader(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		_, _ = br.Discard(3)
	}
	rec, err := csv.NewReader(br).Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteString(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

func columns(ctx context.Context, conn *sql.Conn, view string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT * FROM `+view+` LIMIT 0`)
	if err != nil {
		return nil, fmt.Errorf("changes: %s: %w", view, err)
	}
	defer rows.Close()
	return rows.Columns()
}
