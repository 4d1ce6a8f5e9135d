package rules

import (
	"context"
	"reflect"
	"testing"
	"testing/fstest"
)

// TestNeeds: a rule whose fields or inputs the run lacks is not run and is
// reported; one with any of its alternatives runs; every code that ran is
// counted, zeros included; rule_info holds the registry.
func TestNeeds(t *testing.T) {
	rule := func(code, needs, sel string) *fstest.MapFile {
		h := "-- code: " + code + "\n-- title: 标题\n-- basis: SPEC §5.4\n-- stage: check\n-- level: 疑点\n"
		if needs != "" {
			h += "-- needs: " + needs + "\n"
		}
		return &fstest.MapFile{Data: []byte(h + "--\n" + sel)}
	}
	fsys := fstest.MapFS{
		"sql/checks.sql": {Data: []byte("-- code: CHECKS\n-- title: 数据核实\n-- basis: SPEC §5.4\n-- stage: check\n--\n" +
			"CREATE OR REPLACE TABLE check_finding (code VARCHAR, hh_key VARCHAR);")},
		"sql/check/a.sql": rule("C_SEX", "sex", "SELECT 'C_SEX', 'x'"),
		"sql/check/b.sql": rule("C_INSURED", "ins_resident|ins_employee", "SELECT 'C_INSURED', hh_key FROM household"),
		"sql/check/c.sql": rule("C_CARD", "input:card", "SELECT 'C_CARD', 'x'"),
		"sql/check/d.sql": rule("C_SCHOOL", "school input:school", "SELECT 'C_SCHOOL', 'x'"),
		"sql/check/e.sql": rule("C_NONE", "", "SELECT 'C_NONE', 'x' WHERE false"),
	}
	// The core stages, as embedded, so that the counts have their tables.
	for _, name := range []string{"sql/income.sql", "sql/candidates.sql", "sql/elimination.sql"} {
		b, err := sqlFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	all, err := parseRegistry(fsys)
	if err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	db, conn := OpenTestDB(t)
	for _, s := range []string{
		`INSERT INTO household (hh_key, hh_no, township, village) VALUES ('H', 'H', '甲镇', '一村')`,
		`INSERT INTO sheet_field VALUES (0, 0, 1, 'sex'), (0, 0, 1, 'ins_employee'), (0, 0, 1, 'school')`,
	} {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.InputKinds(ctx, []string{"survey", "card", "survey"}); err != nil {
		t.Fatal(err)
	}
	var steps []int
	c, err := run(ctx, conn, Defaults(), all, func(done, total int) { steps = append(steps, done*10+total) })
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"C_SCHOOL"}; !reflect.DeepEqual(c.NotRun, want) {
		t.Errorf("NotRun %q, want %q", c.NotRun, want)
	}
	if want := map[string]int{"C_SEX": 1, "C_INSURED": 1, "C_CARD": 1, "C_NONE": 0}; !reflect.DeepEqual(c.Checks, want) {
		t.Errorf("Checks %v, want %v", c.Checks, want)
	}
	if len(c.Discrepancies) != 0 {
		t.Errorf("Discrepancies %v, want none: the stage has no files", c.Discrepancies)
	}
	// 3 core stages + checks.sql + 4 checks that ran = 8 files.
	if len(steps) != 8 || steps[7] != 88 {
		t.Errorf("progress %v, want 1..8 of 8", steps)
	}
	var title, level, stage string
	if err := conn.QueryRowContext(ctx, `SELECT title, level, stage FROM rule_info WHERE code = 'C_SEX'`).Scan(&title, &level, &stage); err != nil {
		t.Fatal(err)
	}
	if title != "标题" || level != "疑点" || stage != "check" {
		t.Errorf("rule_info: %q %q %q", title, level, stage)
	}
}
