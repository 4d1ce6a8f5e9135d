package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// paicha version names the build (as make dist stamps it) and the DuckDB
// library actually loaded, the one duckdb.dll must match on Windows.
func TestVersionCommand(t *testing.T) {
	defer func(v, c string) { version, commit = v, c }(version, commit)
	version, commit = "v1.2.0-3-gabc1234", "abc1234def5678"
	for _, arg := range []string{"version", "--version"} {
		var out, errb bytes.Buffer
		if code := run([]string{arg}, &out, &errb); code != exitOK {
			t.Fatalf("paicha %s: exit %d, %s", arg, code, errb.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) < 3 || lines[0] != "paicha v1.2.0-3-gabc1234" || lines[1] != "commit abc1234def5678" ||
			!regexp.MustCompile(`^DuckDB v1\.\d+\.\d+`).MatchString(lines[2]) {
			t.Errorf("paicha %s printed:\n%s", arg, out.String())
		}
	}
}
