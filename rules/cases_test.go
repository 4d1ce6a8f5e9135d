package rules_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paicha/paicha/rules"
)

// The rules' golden cases are data: testdata/<CODE>/<NNNN>/ holds
//
//	about.txt    one line: what the case shows
//	input.sql    INSERTs into the loaded tables (pipeline/load/schema.sql)
//	params.toml  optional: parameters, in the --config format
//	query.sql    optional: what to look at; by default the rule's rows of its
//	             output view (a stage's setup code must give one)
//	want.csv     the query's rows, under a header of its column names
//
// `go test ./rules/ -run TestCases -update` rewrites want.csv from the rules:
// read the diff before committing it.

var update = flag.Bool("update", false, "rewrite want.csv of the rule cases under testdata/")

var caseDirRE = regexp.MustCompile(`^[0-9]{4}$`)

// TestCasesCoverRegistry: every rule has a case, and every case folder a rule.
func TestCasesCoverRegistry(t *testing.T) {
	codes := map[string]bool{}
	for _, r := range rules.All() {
		codes[r.Code] = true
		if r.Setup {
			continue
		}
		cases, _ := filepath.Glob(filepath.Join("testdata", r.Code, "[0-9][0-9][0-9][0-9]"))
		if len(cases) == 0 {
			t.Errorf("%s (%s) has no case: add testdata/%s/0001/", r.Code, r.File, r.Code)
		}
	}
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() && !codes[d.Name()] && d.Name() != "fuzz" {
			t.Errorf("testdata/%s: no rule has this code", d.Name())
		}
	}
}

func TestCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, dir := range dirs {
		code, num := filepath.Base(filepath.Dir(dir)), filepath.Base(dir)
		r, ok := rules.Lookup(code)
		if !ok {
			continue // TestCasesCoverRegistry names it
		}
		t.Run(code+"/"+num, func(t *testing.T) {
			if !caseDirRE.MatchString(num) {
				t.Fatalf("%s: a case folder is named with four digits, 0001 on", dir)
			}
			runCase(t, dir, r)
		})
		ran++
	}
	if ran == 0 {
		t.Fatal("no rule cases under testdata/")
	}
}

func runCase(t *testing.T, dir string, r rules.Rule) {
	about := readCaseFile(t, dir, "about.txt", true)
	if strings.TrimSpace(about) == "" || strings.Count(strings.TrimSpace(about), "\n") > 0 {
		t.Errorf("%s/about.txt: want one line saying what the case shows", dir)
	}
	query := readCaseFile(t, dir, "query.sql", false)
	if query == "" {
		query = defaultQuery(r)
		if query == "" {
			t.Fatalf("%s: %s is a stage's setup: the case needs a query.sql", dir, r.Code)
		}
	}
	p := rules.Defaults()
	if text := readCaseFile(t, dir, "params.toml", false); text != "" {
		if err := p.LoadTOML(text, filepath.Join(dir, "params.toml")); err != nil {
			t.Fatal(err)
		}
	}

	ctx := context.Background()
	db, conn := rules.OpenTestDB(t)
	if _, err := conn.ExecContext(ctx, readCaseFile(t, dir, "input.sql", true)); err != nil {
		t.Fatalf("%s/input.sql: %v", dir, err)
	}
	if _, err := db.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := rules.Run(ctx, conn, p); err != nil {
		t.Fatal(err)
	}
	header, rows := queryTable(t, conn, query)
	var got bytes.Buffer
	w := csv.NewWriter(&got)
	w.Write(header)
	w.WriteAll(rows)

	if (r.Stage == "discrepancy" || r.Stage == "list") && !r.Setup && r.Code != rules.DeclaredListsCode {
		// The title township staff read comes from one place.
		for _, row := range rows {
			for i, col := range header {
				if col == "疑点类型" && row[i] != r.Title {
					t.Errorf("疑点类型 %q, the registry's title is %q", row[i], r.Title)
				}
			}
		}
	}

	wantFile := filepath.Join(dir, "want.csv")
	if *update {
		if err := os.WriteFile(wantFile, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readCaseFile(t, dir, "want.csv", true)
	if got.String() != want {
		t.Errorf("%s (%s)\nquery: %s\n got:\n%s\nwant:\n%s\n(go test ./rules/ -run TestCases -update rewrites want.csv)",
			dir, strings.TrimSpace(about), strings.TrimSpace(query), got.String(), want)
	}
}

// defaultQuery is the rule's own rows of its stage's output view.
func defaultQuery(r rules.Rule) string {
	switch {
	case r.Setup:
		return ""
	case r.Stage == "discrepancy" || r.Stage == "list":
		return `SELECT * FROM out_discrepancies WHERE "疑点编码" = '` + r.Code + `'`
	case r.Stage == "check":
		return `SELECT * FROM out_checks WHERE "检查编码" = '` + r.Code + `'`
	case r.Stage == "ops":
		return `SELECT * FROM out_system_ops WHERE "操作" = '` + r.Title + `'`
	}
	return ""
}

func readCaseFile(t *testing.T, dir, name string, required bool) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		if !required && os.IsNotExist(err) {
			return ""
		}
		t.Fatal(err)
	}
	return string(b)
}

// queryTable runs q and returns its column names and rows as text: NULL is
// empty, a date is YYYY-MM-DD.
func queryTable(t *testing.T, conn *sql.Conn, q string) ([]string, [][]string) {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out [][]string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = cellText(v)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, out
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339Nano)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
