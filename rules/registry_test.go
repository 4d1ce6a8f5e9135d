package rules_test

import (
	"strings"
	"testing"

	"github.com/paicha/paicha/rules"
)

// TestRegistry: the embedded rule files parse, each stage starts with its
// setup file, and what a rule needs names real columns.
func TestRegistry(t *testing.T) {
	all := rules.All()
	if len(all) == 0 {
		t.Fatal("no rules")
	}
	_, conn := rules.OpenTestDB(t)
	fields := map[string]bool{}
	_, rows := queryTable(t, conn, `SELECT column_name FROM information_schema.columns WHERE table_name IN ('household', 'person')`)
	for _, r := range rows {
		fields[r[0]] = true
	}
	stage := ""
	for _, r := range all {
		if r.Stage != stage {
			if !r.Setup {
				t.Errorf("%s: stage %s does not start with its setup file", r.Code, r.Stage)
			}
			stage = r.Stage
		}
		for _, alts := range r.Needs {
			for _, a := range alts {
				if !strings.HasPrefix(a, "input:") && !fields[a] {
					t.Errorf("%s needs %q, which is no column of household or person (pipeline/load/schema.sql)", r.Code, a)
				}
			}
		}
	}
	if got := rules.Codes("discrepancy"); len(got) == 0 || got[0] == "DISCREPANCIES" {
		t.Errorf("Codes(discrepancy) = %q", got)
	}
}
