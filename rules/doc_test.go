package rules_test

import (
	"os"
	"testing"

	"github.com/paicha/paicha/rules"
)

// TestRulesDoc: docs/rules.md is the registry as it is (-update rewrites it).
func TestRulesDoc(t *testing.T) {
	const path = "../docs/rules.md"
	want := rules.Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is not the registry's: go test ./rules/ -run TestRulesDoc -update", path)
	}
}
