package pipeline

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/rules"
)

// TestPrepareKeyHouseholds: the forms' sheets follow SPEC §6.2's order —
// 监测户, 脱贫户, 重点户 (§5.5 categories 2–10), 一般户 — and pick up the
// 重点户 categories from key_household when the run has it; without it no
// household is on the 重点户 sheet.
func TestPrepareKeyHouseholds(t *testing.T) {
	for _, tc := range []struct {
		name    string
		withKey bool
		want    string
	}{
		{"no key_household", false, "M:0: P:1: K1:3: K2:3: G:3:"},
		{"key_household", true, "M:0:5 残疾人家庭 P:1:2 收入较低或明显减少 K1:2:2 收入较低或明显减少、9 失能老人、留守儿童 K2:3: G:3:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := load.Open(ctx, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			conn, err := db.SQL.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			var stmts []string
			for i, h := range []struct{ key, typ, monitor string }{
				{"M", "监测户", "边缘易致贫户"}, {"P", "脱贫户", ""}, {"K1", "一般户", ""}, {"K2", "一般户", ""}, {"G", "一般户", ""},
			} {
				stmts = append(stmts,
					`INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type, monitor_type, monitor_since, eliminated,
						wage, business, business_cost, property, transfer, claims, selfpay)
					 VALUES (0, 0, `+strconv.Itoa(i+2)+`, '`+h.key+`', '`+h.key+`', '甲镇', '一村', '`+h.typ+`', '`+h.monitor+`', DATE '2021-01-01', false, 0, 0, 0, 0, 0, 0, 0)`,
					`INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, name, relation, status)
					 VALUES (0, 0, `+strconv.Itoa(i+2)+`, '`+h.key+`', '15052119800101`+strconv.Itoa(1000+i)+`', '户主`+h.key+`', '户主', '正常')`)
			}
			stmts = append(stmts, `INSERT INTO source VALUES (0, 0, 's.xlsx', 'S')`)
			for _, s := range stmts {
				if _, err := conn.ExecContext(ctx, s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			if _, err := db.Finish(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := rules.Run(ctx, conn, rules.Defaults()); err != nil {
				t.Fatal(err)
			}
			// the rules leave key_household (SPEC §5.5); a run without it
			// (before the department comparisons) is the table dropped
			if _, err := conn.ExecContext(ctx, `DROP TABLE IF EXISTS key_household`); err != nil {
				t.Fatal(err)
			}
			if tc.withKey {
				// as the department comparisons leave it: category 1 (脱贫户) is
				// not a 重点户 category of the forms; K2 has only category 1
				if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TABLE key_household (hh_key VARCHAR, category INTEGER);
					INSERT INTO key_household VALUES ('M', 5), ('P', 1), ('P', 2), ('K1', 9), ('K1', 2), ('K1', 2), ('K2', 1)`); err != nil {
					t.Fatal(err)
				}
			}
			haveKey, err := prepareViews(ctx, conn)
			if err != nil || haveKey != tc.withKey {
				t.Fatalf("prepareViews: %v, %v", haveKey, err)
			}
			rows, err := conn.QueryContext(ctx, `SELECT hh_key, sheet, key_cats FROM prep_form ORDER BY hh_key`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			got := map[string]string{}
			for rows.Next() {
				var k, cats string
				var sheet int
				if err := rows.Scan(&k, &sheet, &cats); err != nil {
					t.Fatal(err)
				}
				got[k] = k + ":" + strconv.Itoa(sheet) + ":" + cats
			}
			var line []string
			for _, k := range []string{"M", "P", "K1", "K2", "G"} {
				line = append(line, got[k])
			}
			if s := strings.Join(line, " "); s != tc.want {
				t.Errorf("sheets and categories:\n got %s\nwant %s", s, tc.want)
			}
		})
	}
}
