package rules_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/paicha/paicha/rules"
)

// The columns of a plain village form (入户排查表, SPEC §3.3) and of a
// national-system export with every §3.3.1 column.
var (
	villageForm = []string{"township", "village", "hh_no", "hh_type", "size_declared", "wage", "business",
		"business_cost", "property", "transfer", "claims", "selfpay", "g_edu", "g_med", "g_house", "g_water",
		"name", "id", "relation", "labor", "health", "disability", "status", "status_date"}
	nationalExport = append(append([]string(nil), villageForm...),
		"monitor_type", "monitor_since", "eliminated", "fallback", "risks",
		"m_industry", "m_employment", "m_finance", "m_welfare_job", "m_health", "m_education",
		"m_compulsory_edu", "m_housing", "m_water", "m_assist", "m_social", "m_relocation", "m_living", "m_infra",
		"dev_status", "elim_way", "elim_date", "after_house", "after_water", "after_edu", "after_med",
		"sex", "school", "edu_level", "noschool", "ins_resident", "ins_employee", "pension", "dibao", "tekun")
)

// TestChecksNotRun: on a village form without the §3.3.1 columns, and
// without card or medical data, exactly the checks that need what is
// missing are not run (summary.json checks_not_run) — they are never
// reported on every household — and every check that ran is counted, zeros
// included. With every column and input, all 49 run.
func TestChecksNotRun(t *testing.T) {
	// Worked out from each SPEC §5.4 row: what a village form lacks.
	villageNotRun := []string{
		"C_ASSIST_MISMATCH", "C_DEV_STATUS", "C_DIBAO_CARD", "C_DUAL_INSURANCE", "C_EDU_LEVEL_AGE",
		"C_ELIM_BELOW_LINE", "C_ELIM_FALLBACK", "C_ELIM_GUARANTEE", "C_ELIM_NO_MEASURES", "C_ELIM_TOO_EARLY",
		"C_FALLBACK_LABOR", "C_GUARANTEE_NO_RISK", "C_JOB_NO_LABOR", "C_MONITOR_DATE", "C_MONITOR_TYPE",
		"C_NOSCHOOL_HEALTH", "C_NO_DEV_MEASURES", "C_NO_MEASURES", "C_NO_RISK", "C_PENSION_NOT_ENROLLED",
		"C_RISK_DISABILITY", "C_RISK_ILLNESS", "C_RISK_LABOR", "C_RISK_NO_MEASURE", "C_SCHOOL_AGE_MISMATCH",
		"C_SCHOOL_AGE_NOT_IN_SCHOOL", "C_SEX_MISMATCH", "C_STUDENT_LABOR", "C_TEKUN_ABLE", "C_TEKUN_CARD",
		"C_UNINSURED", "C_UNINSURED_SETTLED",
	}
	for _, tc := range []struct {
		name   string
		fields []string
		kinds  []string
		notRun []string
	}{
		{"village form, survey only", villageForm, []string{"survey"}, villageNotRun},
		{"national export, card and medical", nationalExport, []string{"card", "medical", "survey"}, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, conn := rules.OpenTestDB(t)
			// A monitored 10-year-old alone, registered as labour, without
			// anything filled in: every check that runs on it has a reason to.
			for _, s := range []string{
				`INSERT INTO source VALUES (0, 0, 's.xlsx', 'S')`,
				`INSERT INTO sheet_field SELECT 0, 0, 3, unnest(['` + strings.Join(tc.fields, "', '") + `'])`,
				`INSERT INTO household (file_ord, sheet_ord, src_row, hh_key, hh_no, township, village, hh_type,
					eliminated, wage, business, business_cost, property, transfer, claims, selfpay)
				 VALUES (0, 0, 4, 'A', 'A', '甲镇', '一村', '监测户', false, 0, 0, 0, 0, 0, 0, 0)`,
				`INSERT INTO person (file_ord, sheet_ord, src_row, hh_key, id, relation, labor, health, status, birth_date)
				 VALUES (0, 0, 4, 'A', '150521201301010012', '之子', '普通劳动力', '健康', '正常', '2013-01-01')`,
			} {
				if _, err := conn.ExecContext(ctx, s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			if err := db.InputKinds(ctx, tc.kinds); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Finish(ctx); err != nil {
				t.Fatal(err)
			}
			c, err := rules.Run(ctx, conn, rules.Defaults())
			if err != nil {
				t.Fatal(err)
			}
			// the department comparisons (SPEC §5.5) that need lists not given
			// are not run either; this test is about the checks
			checksNotRun := []string{}
			for _, code := range c.NotRun {
				if r, _ := rules.Lookup(code); r.Stage == "check" {
					checksNotRun = append(checksNotRun, code)
				}
			}
			if !reflect.DeepEqual(checksNotRun, tc.notRun) {
				t.Errorf("checks_not_run\n got %q\nwant %q", checksNotRun, tc.notRun)
			}
			all := rules.Codes("check")
			if len(all) != 49 {
				t.Errorf("%d check codes, SPEC §5.4 has 49", len(all))
			}
			if len(c.Checks)+len(checksNotRun) != len(all) {
				t.Errorf("%d checks counted and %d not run, of %d", len(c.Checks), len(checksNotRun), len(all))
			}
			for _, code := range c.NotRun {
				if _, ok := c.Checks[code]; ok {
					t.Errorf("%s is both counted and not run", code)
				}
			}
			// A check that was not run has no rows, whatever the household lacks.
			_, got := queryTable(t, conn, `SELECT DISTINCT code FROM check_finding ORDER BY 1`)
			for _, code := range got {
				for _, nr := range c.NotRun {
					if code[0] == nr {
						t.Errorf("%s not run but has findings", code)
					}
				}
			}
			if c.Checks["C_CHILD_LABOR"] != 1 || c.Checks["C_NO_HEAD"] != 1 {
				t.Errorf("C_CHILD_LABOR %d, C_NO_HEAD %d; want 1 each", c.Checks["C_CHILD_LABOR"], c.Checks["C_NO_HEAD"])
			}
		})
	}
}
