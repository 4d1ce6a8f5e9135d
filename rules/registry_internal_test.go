package rules

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

const goodHeader = "-- code: NAME_MISMATCH\n-- title: 姓名与身份证号不一致\n-- basis: SPEC §2、§5.3；工作方案 §三(四)9\n-- stage: discrepancy\n--\n-- Why it is written so.\n-- Second line.\nSELECT 1\n"

func TestParseRule(t *testing.T) {
	r, err := parseRule(goodHeader)
	if err != nil {
		t.Fatal(err)
	}
	want := Rule{Code: "NAME_MISMATCH", Title: "姓名与身份证号不一致", Basis: "SPEC §2、§5.3；工作方案 §三(四)9",
		Stage: "discrepancy", Why: "Why it is written so.\nSecond line.", Text: goodHeader}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got %+v\nwant %+v", r, want)
	}

	check := "-- code: C_SEX_MISMATCH\n-- title: 性别与身份证号不符\n-- basis: SPEC §5.4；工作方案 §三(四)9\n-- stage: check\n-- level: 错误\n-- needs: sex ins_resident|ins_employee input:card\n--\nSELECT 1"
	r, err = parseRule(check)
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"sex"}, {"ins_resident", "ins_employee"}, {"input:card"}}; !reflect.DeepEqual(r.Needs, want) || r.Level != "错误" {
		t.Errorf("needs %q level %q, want %q 错误", r.Needs, r.Level, want)
	}
}

func TestParseRuleErrors(t *testing.T) {
	tests := []struct{ from, to, err string }{
		{"-- code: NAME_MISMATCH\n", "-- code: name_mismatch\n", "want capitals"},
		{"-- title: 姓名与身份证号不一致\n", "-- title: name mismatch\n", "want a Chinese title"},
		{"-- title: 姓名与身份证号不一致\n", "", "want a Chinese title"},
		{"§三(四)9\n", "§三(四)9 (work plan)\n", "in Chinese"},
		{"-- stage: discrepancy\n", "-- stage: discrepancies\n", "unknown stage"},
		{"-- stage: discrepancy\n", "-- stage: discrepancy\n-- level: 疑点\n", "only checks have a level"},
		{"-- stage: discrepancy\n", "-- stage: check\n-- level: 警告\n", "level \"警告\""},
		{"-- stage: discrepancy\n", "-- stage: discrepancy\n-- needs: input:bank\n", "input kind \"bank\""},
		{"-- stage: discrepancy\n", "-- stage: discrepancy\n-- needs: 性别\n", "want a field name"},
		{"-- stage: discrepancy\n", "-- stage: discrepancy\n-- needs: sex|\n", "want a field name"},
		{"-- stage: discrepancy\n", "-- stage: discrepancy\n-- stage: check\n", "given twice"},
		{"-- stage: discrepancy\n", "-- stage: discrepancy\n-- owner: me\n", "unknown header key"},
		{"--\n-- Why", "-- Why", "want a header line"},
	}
	for _, tt := range tests {
		text := strings.Replace(goodHeader, tt.from, tt.to, 1)
		if text == goodHeader {
			t.Fatalf("%q is not in the header", tt.from)
		}
		_, err := parseRule(text)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q → %q: error %v, want one saying %q", tt.from, tt.to, err, tt.err)
		}
	}
}

func TestParseRegistry(t *testing.T) {
	header := func(code, stage string) string {
		return "-- code: " + code + "\n-- title: 标题\n-- basis: SPEC §5\n-- stage: " + stage + "\n--\nSELECT 1\n"
	}
	base := fstest.MapFS{
		"sql/income.sql":                {Data: []byte(header("INCOME", "income"))},
		"sql/discrepancies.sql":         {Data: []byte(header("DISCREPANCIES", "discrepancy"))},
		"sql/discrepancy/b.sql":         {Data: []byte(header("B_RULE", "discrepancy"))},
		"sql/discrepancy/a.sql":         {Data: []byte(header("A_RULE", "discrepancy"))},
		"sql/discrepancy/notes.txt":     {Data: []byte("not a rule")},
		"sql/candidates/whatever.sql.1": {Data: []byte("not a rule")},
	}
	rs, err := parseRegistry(base)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.Code+"@"+r.File)
	}
	want := []string{"INCOME@sql/income.sql", "DISCREPANCIES@sql/discrepancies.sql", "A_RULE@sql/discrepancy/a.sql", "B_RULE@sql/discrepancy/b.sql"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("run order %q, want %q", got, want)
	}
	if !rs[0].Setup || rs[2].Setup {
		t.Errorf("setup flags wrong: %+v", rs)
	}

	bad := []struct {
		files map[string]string
		err   string
	}{
		{map[string]string{"sql/discrepancy/c.sql": header("A_RULE", "discrepancy")}, "code A_RULE is also sql/discrepancy/a.sql"},
		{map[string]string{"sql/discrepancy/c.sql": header("C_RULE", "income")}, `stage "income", but the file is in stage "discrepancy"`},
		{map[string]string{"sql/discrepancies.sql": header("DISCREPANCY", "discrepancy")}, "setup file has the code DISCREPANCIES"},
		{map[string]string{"sql/check/c.sql": header("C_RULE", "check")}, "has rules but no sql/checks.sql"},
		{map[string]string{"sql/checks.sql": header("CHECKS", "check"), "sql/check/c.sql": header("C_RULE", "check")}, "a check needs a level"},
	}
	for _, b := range bad {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		for k, v := range b.files {
			fsys[k] = &fstest.MapFile{Data: []byte(v)}
		}
		if _, err := parseRegistry(fsys); err == nil || !strings.Contains(err.Error(), b.err) {
			t.Errorf("%v: error %v, want one saying %q", b.files, err, b.err)
		}
	}
}
