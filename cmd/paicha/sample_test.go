package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sample county unpacks into a temporary folder of a random name; two
// runs on it must still write the same CSV outputs (SPEC §7), naming the
// files as survey/…, card/…, medical/….
func TestSampleRunsAreIdentical(t *testing.T) {
	first, _ := compareSample(t, io.Discard, "-q")
	second, _ := compareSample(t, io.Discard, "-q")
	names, err := filepath.Glob(filepath.Join(first, "*.csv"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no CSV outputs in %s (%v)", first, err)
	}
	names = append(names, filepath.Join(first, "summary.json"))
	for _, a := range names {
		b := filepath.Join(second, filepath.Base(a))
		x, errA := os.ReadFile(a)
		y, errB := os.ReadFile(b)
		if errA != nil || errB != nil {
			t.Fatalf("%v %v", errA, errB)
		}
		if string(x) != string(y) {
			t.Errorf("%s differs between two runs on the sample county", filepath.Base(a))
		}
		if strings.Contains(string(x), os.TempDir()) || strings.Contains(string(x), "paicha-sample-") {
			t.Errorf("%s names the sample's temporary folder", filepath.Base(a))
		}
	}
	rejects, _ := os.ReadFile(filepath.Join(first, "rejects.csv"))
	if !strings.Contains(string(rejects), "\nsurvey/") {
		t.Errorf("rejects.csv does not name the sample's files as survey/…:\n%s", rejects)
	}
}
