package pipeline_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/explain"
	"github.com/paicha/paicha/pipeline/header"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// testID makes a valid 18-character ID (GB 11643) from 17 digits.
func testID(first17 string) string {
	sum := 0
	for i, c := range first17 {
		w := 1
		for k := 0; k < 17-i; k++ {
			w = w * 2 % 11
		}
		sum += int(c-'0') * w
	}
	return first17 + string("10X98765432"[sum%11])
}

// lastYear is last season's survey the test prepares from: one row per
// person, household fields on the first row.
type lastYearRow struct {
	hhNo, hhType, monitorType, since, eliminated string
	name, id, relation, status, statusDate       string
}

// filled is what a surveyor writes into a household's first row: numbers
// as numbers (int) or as text ("5,000元"), guarantees 是/否.
type filled struct {
	wage, transfer, claims, selfpay any
	house                           string
}

func yuan(v any) int64 {
	switch x := v.(type) {
	case nil:
		return 0
	case int:
		return int64(x) * 100
	case string:
		s := strings.NewReplacer(",", "", "元", "").Replace(x)
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			panic(x)
		}
		return int64(f*100 + 0.5)
	}
	panic(v)
}

func fen(v int64) string { return fmt.Sprintf("%d.%02d", v/100, v%100) }

// TestPrepareRoundTrip prepares forms from last year's survey, fills them
// in as a surveyor would, and runs compare on them: it gets exactly what
// the filled values imply (SPEC §4, §5.1, §5.2), with every form column
// read and no row rejected.
func TestPrepareRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ids := map[string]string{}
	id := func(k string, seq int) string {
		v := testID(fmt.Sprintf("15052119800101%03d", seq))
		ids[k] = v
		return v
	}
	rowsIn := []lastYearRow{
		// H1: monitored since 2021; filled above the line, guarantees 是 → 风险消除
		{"1001", "监测户", "边缘易致贫户", "2021-03-01", "否", "甲一", id("a1", 11), "户主", "正常", ""},
		{"1001", "", "", "", "", "甲二", id("a2", 12), "配偶", "正常", ""},
		// H2: risk eliminated last year, a member died in the window → outside n
		{"1002", "脱贫户", "脱贫不稳定户", "2020-06-01", "是", "乙一", id("b1", 21), "户主", "正常", ""},
		{"1002", "", "", "", "", "乙二", id("b2", 22), "之子", "正常", ""},
		{"1002", "", "", "", "", "乙三", id("b3", 23), "之父", "死亡", "2022-10-01"},
		// H3: 一般户 whose 一卡通 lifts its transfer income
		{"1003", "一般户", "", "", "", "丙一", id("c1", 31), "户主", "正常", ""},
		// H4: 一般户 pushed under the line by its medical cost
		{"1004", "一般户", "", "", "", "丁一", id("d1", 41), "户主", "正常", ""},
	}
	survey := filepath.Join(dir, "in", "survey", "2022年入户排查表.xlsx")
	writeSurvey(t, survey, rowsIn)
	card := filepath.Join(dir, "in", "card", "一卡通.csv")
	c1 := ids["c1"]
	writeCSV(t, card, [][]string{
		{"身份证号", "姓名", "补贴项目", "发放金额", "发放日期", "发放状态", "流水号"},
		{c1, "丙一", "养老金", "99.00", "2021-12-31", "成功", "S0"},   // before the statements' span
		{c1, "丙一", "养老金", "100.00", "2022-03-01", "成功", "S1"},  // in the span, before the window
		{c1, "丙一", "养老金", "1200.00", "2022-06-01", "成功", "S2"}, // in the window
		{c1, "丙一", "危房改造补助", "5000.00", "2022-07-01", "成功", "S3"},
		{c1, "丙一", "养老金", "-200.00", "2022-09-01", "成功", "S4"}, // a refund nets off
		{c1, "丙一", "养老金", "300.00", "2022-10-01", "失败", "S5"},  // failed: left out
		{c1, "丙一", "养老金", "1200.00", "2022-06-01", "成功", "S2"}, // repeated serial: left out
		{c1, "丙一", "低保金", "500.00", "2023-01-10", "成功", "S6"},
		{c1, "丙一", "低保金", "77.00", "2023-05-20", "成功", "S7"}, // after as_of
		{ids["b3"], "乙三", "养老金", "150.00", "2022-11-01", "成功", "S8"},
	})
	// what counts in the window (SPEC §4): not failed, not repeated, not excluded
	cardIn := map[string]int64{"1003": 120000 - 20000 + 50000, "1002": 15000}

	prep := filepath.Join(dir, "prep")
	params := rules.Defaults()
	inputs := []discover.Spec{{Path: filepath.Dir(survey), Kind: "survey"}, {Path: filepath.Dir(card), Kind: "card"}}
	rep, err := pipeline.Prepare(ctx, pipeline.Config{Inputs: inputs, Out: prep, Params: params, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.InputFailed() {
		t.Fatalf("prepare: %v", rep.Notices)
	}
	form := filepath.Join(prep, write.FormsDir, "甲镇", "一村-入户排查表.xlsx")

	fill := map[string]filled{
		"1001": {wage: 30000, house: "是"},
		"1002": {wage: "10,000元", house: "是"},
		"1003": {wage: "5,000.50元", transfer: 300, house: "否"},
		"1004": {wage: 20000, claims: "1000", selfpay: "15,000元", house: "是"},
	}
	sheetOf := fillForm(t, form, fill)
	// last year's survey had no income: 1003 and 1004 were under the line,
	// 重点户 category 2 (1002 too, but 脱贫户 comes first)
	wantSheet := map[string]string{"1001": "监测户", "1002": "脱贫户", "1003": "重点户", "1004": "重点户"}
	for hh, sh := range wantSheet {
		if sheetOf[hh] != sh {
			t.Errorf("household %s is on sheet %q, want %q", hh, sheetOf[hh], sh)
		}
	}

	out := filepath.Join(dir, "out")
	crep, err := pipeline.Run(ctx, pipeline.Config{Inputs: []discover.Spec{
		{Path: filepath.Join(prep, write.FormsDir), Kind: "survey"}, {Path: filepath.Dir(card), Kind: "card"}},
		Out: out, Params: params, Formats: write.Formats{CSV: true}, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if crep.InputFailed() {
		t.Fatalf("compare on the filled forms: %v", crep.Notices)
	}
	for _, s := range crep.Sheets {
		if s.Rejected > 0 {
			t.Errorf("%s [%s]: %d rows rejected", s.File, s.Sheet, s.Rejected)
		}
	}
	if rej := mustReadCSV(t, filepath.Join(out, "rejects.csv")); len(rej) > 1 {
		t.Errorf("rejects.csv: %q", rej[1:])
	}

	// What the filled values imply, by SPEC §4 (all in fen).
	size := map[string]int64{"1001": 2, "1002": 2, "1003": 1, "1004": 1} // 乙三 died: outside n
	line := int64(750000)
	type verdict struct{ kind, n, pure, selfpay, card string }
	want := map[string]verdict{}
	for hh, f := range fill {
		cardSum := cardIn[hh]
		transfer := max(yuan(f.transfer), cardSum)
		selfpay := yuan(f.selfpay)
		pure := yuan(f.wage) + transfer
		gross := pure + yuan(f.claims)
		net := gross - selfpay
		th := line * size[hh]
		kind := ""
		switch {
		case hh == "1001": // monitored: judged in elimination.csv
		case gross < th && hh == "1002":
			kind = "脱贫不稳定户" // its risk was eliminated: judged by its 户类型 (脱贫户)
		case gross < th:
			kind = "边缘易致贫户"
		case net < th:
			kind = "突发严重困难户"
		}
		if kind != "" {
			want[hh] = verdict{kind, strconv.FormatInt(size[hh], 10), fen(pure), fen(selfpay), fen(cardSum)}
		}
	}
	got := map[string]verdict{}
	cands := mustReadCSV(t, filepath.Join(out, "candidates.csv"))
	col := columnsOf(cands[0])
	for _, r := range cands[1:] {
		got[hhNo(r[col["户编号"]])] = verdict{r[col["候选类型"]], r[col["家庭人口数"]], r[col["纯收入"]], r[col["合规自付支出"]], r[col["一卡通转移性收入"]]}
	}
	if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
		t.Errorf("candidates:\n got %v\nwant %v", sorted(got), sorted(want))
	}
	elim := mustReadCSV(t, filepath.Join(out, "elimination.csv"))
	col = columnsOf(elim[0])
	if len(elim) != 2 || hhNo(elim[1][col["户编号"]]) != "1001" || elim[1][col["建议"]] != rules.Eliminate {
		t.Errorf("elimination.csv: want only 1001 风险消除 (1002's risk was eliminated), got %q", elim[1:])
	}

	// the 系统操作清单 of the round trip
	ops := mustReadCSV(t, filepath.Join(out, "system_ops.csv"))
	col = columnsOf(ops[0])
	var gotOps []string
	for _, r := range ops[1:] {
		gotOps = append(gotOps, hhNo(r[col["户编号"]])+" "+r[col["姓名"]]+" "+r[col["操作"]])
	}
	// sorted by 户编号, then 操作 (code point: 人口… before 新识别…)
	wantOps := []string{"1001 甲一 风险消除标注", "1002 乙三 人口自然减少", "1002 乙一 新识别监测对象录入",
		"1003 丙一 新识别监测对象录入", "1004 丁一 新识别监测对象录入"}
	if strings.Join(gotOps, "\n") != strings.Join(wantOps, "\n") {
		t.Errorf("system_ops.csv:\n got %q\nwant %q", gotOps, wantOps)
	}

	pays := checkStatement(t, filepath.Join(prep, write.StatementsDir, "甲镇", "一村-一卡通明细.xlsx"), c1)

	// The statement lists the payments `paicha explain` shows for the
	// household, for the dates it covers.
	dbPath := filepath.Join(dir, "run.duckdb")
	if _, err := pipeline.Run(ctx, pipeline.Config{Inputs: inputs, Out: filepath.Join(dir, "last"), Params: params,
		Formats: write.Formats{CSV: true}, Workers: 1, DBPath: dbPath}); err != nil {
		t.Fatal(err)
	}
	db, err := explain.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ex, err := db.Explain(ctx, "1003")
	if err != nil || len(ex.Households) != 1 {
		t.Fatalf("explain 1003: %v %v", ex, err)
	}
	var shown []string
	for _, r := range ex.Households[0].Card {
		if r.Why != "failed" && r.Why != "duplicate" && r.Date >= "2022-01-01" && r.Date <= params.AsOf.String() {
			shown = append(shown, strings.Join([]string{r.Item, r.Date, r.Amount}, "|"))
		}
	}
	sort.Strings(shown)
	if strings.Join(pays, "\n") != strings.Join(shown, "\n") {
		t.Errorf("the statement of 1003 lists\n%q\nexplain shows\n%q", pays, shown)
	}
}

// checkStatement reads 丙一's payments back from the statement: the span
// 2022-01-01..as_of, excluded items marked, refunds negative, the failed
// payment and the repeated serial left out and counted, IDs masked.
func checkStatement(t *testing.T, path, id string) (items []string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var pays, notes []string
	inBlock := false
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		if strings.HasPrefix(r[0], "户编号：") {
			inBlock = strings.HasPrefix(r[0], "户编号：1003")
		}
		if !inBlock {
			continue
		}
		if len(r) >= 5 && r[0] == "丙一" {
			pays = append(pays, strings.Join(r[1:], "|"))
			items = append(items, strings.Join(r[2:5], "|"))
		}
		if strings.HasPrefix(r[0], "说明") || r[0] == "年度合计" {
			notes = append(notes, strings.Join(r, "|"))
		}
	}
	masked := id[:6] + "********" + id[14:]
	want := []string{
		masked + "|养老金|2022-03-01|100.00",
		masked + "|养老金|2022-06-01|1200.00",
		masked + "|养老金|2022-09-01|-200.00",
		masked + "|低保金|2023-01-10|500.00",
		masked + "|危房改造补助|2022-07-01|5000.00|不计入收入",
	}
	sort.Strings(want)
	sort.Strings(pays)
	if strings.Join(pays, "\n") != strings.Join(want, "\n") {
		t.Errorf("statement of 1003:\n got %q\nwant %q", pays, want)
	}
	wantNotes := []string{"年度合计|6100.00|500.00|6600.00", "说明：另有发放失败或退回 1 笔、重复流水号 1 笔未列入本明细（不是实际到账的款项）。"}
	if strings.Join(notes, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("statement of 1003, totals and notes:\n got %q\nwant %q", notes, wantNotes)
	}
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, id) {
				t.Errorf("statement shows a full ID: %q", c)
			}
		}
	}
	sort.Strings(items)
	return items
}

// fillForm fills each household's first row of every sheet with its
// values and saves the form; it checks that every header of the form is a
// column compare reads, and returns each household's sheet.
func fillForm(t *testing.T, path string, fill map[string]filled) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheetOf := map[string]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		var hrows []header.Row
		for i, r := range rows {
			hrows = append(hrows, header.Row{Num: i + 1, Cells: r})
		}
		layout, ok := header.Detect(hrows, header.Survey)
		if !ok {
			if len(rows) > 2 {
				t.Errorf("%s: no header found, yet %d rows", sh, len(rows))
			}
			continue
		}
		read := map[int]bool{}
		for _, cs := range layout.Cols {
			for _, c := range cs {
				read[c] = true
			}
		}
		hdr := rows[layout.LastRow-1]
		col := map[string]int{}
		for i, name := range hdr {
			col[name] = i
			// 重点户类别 says why a household is on the 重点户 sheet (SPEC
			// §6.2); compare recomputes the categories and reads it not
			if !read[i] && name != pipeline.KeyColumn {
				t.Errorf("%s: column %q is not read by compare", sh, name)
			}
		}
		set := func(r int, name string, v any) {
			if v == nil {
				return
			}
			cell, _ := excelize.CoordinatesToCellName(col[name]+1, r)
			if err := f.SetCellValue(sh, cell, v); err != nil {
				t.Fatal(err)
			}
		}
		for i := layout.LastRow; i < len(rows); i++ {
			r := rows[i]
			if len(r) <= col["户类型"] || r[col["户类型"]] == "" {
				continue // not a household's first row
			}
			hh := r[col["户编号"]]
			sheetOf[hh] = sh
			v, ok := fill[hh]
			if !ok {
				t.Fatalf("%s: household %q not filled", sh, hh)
			}
			set(i+1, "工资性收入", v.wage)
			set(i+1, "转移性收入", v.transfer)
			set(i+1, "理赔收入", v.claims)
			set(i+1, "合规自付支出", v.selfpay)
			for _, g := range []string{"义务教育保障", "基本医疗保障", "饮水安全保障"} {
				set(i+1, g, "是")
			}
			set(i+1, "住房安全保障", v.house)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return sheetOf
}

func writeSurvey(t *testing.T, path string, rows []lastYearRow) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	hdr := []any{"乡镇", "村", "户编号", "户类型", "监测对象类别", "识别监测时间", "风险是否已消除",
		"姓名", "身份证号", "与户主关系", "健康状况", "劳动技能", "人员状态", "变动日期",
		"工资性收入", "义务教育保障", "基本医疗保障", "住房安全保障", "饮水安全保障"}
	if err := f.SetSheetRow("Sheet1", "A1", &hdr); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		town, village := "", ""
		if r.hhType != "" {
			town, village = "甲镇", "一村"
		}
		vals := []any{town, village, r.hhNo, r.hhType, r.monitorType, r.since, r.eliminated,
			r.name, r.id, r.relation, "健康", "普通劳动力", r.status, r.statusDate, "", "", "", "", ""}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func writeCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(fh)
	w.WriteAll(rows)
	if err := fh.Close(); err != nil {
		t.Fatal(err)
	}
}

func mustReadCSV(t *testing.T, path string) [][]string {
	t.Helper()
	rows, err := readCSV(path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// hhNo is the 户编号 in a list's household key: a short 户编号 is keyed with
// its 乡镇 and 村 (SPEC §3.3).
func hhNo(key string) string { return key[strings.LastIndex(key, "/")+1:] }

func columnsOf(hdr []string) map[string]int {
	m := map[string]int{}
	for i, h := range hdr {
		m[h] = i
	}
	return m
}

func sorted[V any](m map[string]V) []string {
	var out []string
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s:%v", k, v))
	}
	sort.Strings(out)
	return out
}
