package pipeline_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/explain"
	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// idOf is a valid ID of the given first 17 characters.
func idOf(first17 string) string { return first17 + string(normalize.CheckChar(first17)) }

// TestDepartmentListsEndToEnd: the four department lists and a [[lists]]
// file read beside a survey, their findings in discrepancies.csv, the asset
// hit in 核对疑点, the not-surveyed row of the [[lists]] file never in the
// run database, and `paicha explain` showing each list row with what it
// changed (SPEC §3.5, §5.5, §9).
func TestDepartmentListsEndToEnd(t *testing.T) {
	dir := t.TempDir()
	head, spouse, child, stranger := idOf("15052119800101001"), idOf("15052119820202002"), idOf("15052120120303003"), idOf("15052119700404004")
	files := map[string]string{
		"survey/一村.csv": "户编号,户类型,乡镇,村,姓名,身份证号,与户主关系,人员状态,健康状况,劳动能力,工资性收入,义务教育保障\n" +
			"H1,一般户,甲镇,一村,张三," + head + ",户主,正常,健康,普通劳动力,1000,是\n" +
			",,,,李四," + spouse + ",配偶,正常,健康,普通劳动力,,\n" +
			",,,,张小," + child + ",之子,正常,健康,无劳动力,,\n",
		"police/注销.csv":     "身份证号,姓名,注销原因,注销日期\n" + spouse + ",李四,死亡,2023-01-01\n",
		"aid/低保.csv":        "身份证号,姓名,保障类别,起始保障年月,村\n" + head + ",张三,农村低保,202001,一村\n" + stranger + ",王五,农村低保,202001,一村\n",
		"disability/残联.csv": "身份证号,姓名,残疾等级\n" + spouse + ",李四,二级\n",
		"school/辍学名单.csv":   "身份证号,姓名,辍学原因\n" + child + ",张小,厌学\n",
		"部门数据/车辆.csv":       "身份证号,姓名,车辆类型\n" + head + ",张三,小型汽车\n" + spouse + ",李四,摩托车(二轮)\n" + stranger + ",王五,小型汽车\n",
	}
	for name, body := range files {
		path := filepath.Join(dir, "in", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	params := rules.Defaults()
	err := params.LoadTOML(`[[lists]]
code = "VEHICLE"
label = "家庭成员名下有机动车"
source = "公安交管"
paths = ["部门数据/车辆.csv"]
use = "asset"
scope = "candidates"
where = { column = "车辆类型", not_in = ["摩托车（二轮）"] }
`, filepath.Join(dir, "in", "params.toml"))
	if err != nil {
		t.Fatal(err)
	}
	in := func(p string) string { return filepath.Join(dir, "in", p) }
	out, dbPath := filepath.Join(dir, "out"), filepath.Join(dir, "run.duckdb")
	rep := run(t, pipeline.Config{
		Inputs: []discover.Spec{{Path: in("survey"), Kind: "survey"}, {Path: in("police"), Kind: "police"},
			{Path: in("aid"), Kind: "aid"}, {Path: in("disability"), Kind: "disability"}, {Path: in("school"), Kind: "school"}},
		Out: out, Params: params, Formats: write.Formats{CSV: true}, Workers: 2, DBPath: dbPath,
	})
	if rep.InputFailed() {
		t.Fatalf("notices %v", rep.Notices)
	}

	got := map[string]string{}
	for _, r := range readCSVFile(t, filepath.Join(out, "discrepancies.csv")) {
		got[r["疑点编码"]] = r["来源"]
	}
	for code, source := range map[string]string{"DEATH_NOT_MARKED": "公安", "AID_NOT_MONITORED": "民政",
		"DISABILITY_MISMATCH": "残联", "DROPOUT_SUSPECT": "教育", "LIST_NOT_SURVEYED": "民政", "VEHICLE": "公安交管"} {
		if got[code] != source {
			t.Errorf("discrepancies.csv: %s from %q, want from %s (all: %v)", code, got[code], source, got)
		}
	}
	cands := readCSVFile(t, filepath.Join(out, "candidates.csv"))
	if len(cands) != 1 || cands[0]["核对疑点"] != "家庭成员名下有机动车" {
		t.Errorf("candidates.csv %v, want H1 with 核对疑点 家庭成员名下有机动车", cands)
	}
	var summary struct {
		Files []struct {
			File, Kind string
			Loaded     int
			Skipped    map[string]int
		}
		Rules map[string]int
		Key   map[string]int `json:"key_households"`
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &summary); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, f := range summary.Files {
		kinds[f.Kind] = true
		if f.Kind == "list:VEHICLE" && (f.Loaded != 2 || f.Skipped["not_surveyed"] != 1) {
			t.Errorf("summary.json %s: loaded %d, skipped %v; want 2 loaded, 1 not_surveyed", f.File, f.Loaded, f.Skipped)
		}
	}
	for _, k := range []string{"survey", "police", "aid", "disability", "school", "list:VEHICLE"} {
		if !kinds[k] {
			t.Errorf("summary.json has no file of kind %s: %v", k, kinds)
		}
	}
	if summary.Rules["VEHICLE"] != 1 || summary.Key["4"] != 1 || len(summary.Key) != 10 {
		t.Errorf("summary.json rules %v, key_households %v", summary.Rules, summary.Key)
	}

	db, err := explain.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Explain(context.Background(), "H1")
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"公安 李四", "排查表仍为正常：DEATH_NOT_MARKED", "police/注销.csv 第2行",
		"民政 张三", "计入：AID_NOT_MONITORED、重点户4",
		"残联 李四", "排查表未填残疾等级，以残联等级计因残和兜底",
		"教育 张小", "DROPOUT_SUSPECT",
		"家庭成员名下有机动车 张三", "核对疑点：家庭成员名下有机动车（VEHICLE）", "部门数据/车辆.csv 第2行",
		// the full-width not_in value of the config matches the folded cell
		"家庭成员名下有机动车 李四 " + spouse + "：摩托车(二轮) — ", "不在名单的范围、日期或筛选条件内，未计入",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("explain H1 lacks %q:\n%s", want, text.String())
		}
	}
	db.Close()
	// The stranger of the vehicle list (on the aid list too, which is read
	// whole) was never loaded from the [[lists]] file.
	sqlDB, err := sql.Open("duckdb", dbPath+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	var n int
	if err := sqlDB.QueryRow(`SELECT count(*) FROM list_row WHERE id = ?`, stranger).Scan(&n); err != nil || n != 0 {
		t.Errorf("list_row holds the not-surveyed ID %d times (%v)", n, err)
	}
}

// readCSVFile is a CSV output's rows, each by its header.
func readCSVFile(t *testing.T, path string) []map[string]string {
	t.Helper()
	recs, err := readCSV(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}
