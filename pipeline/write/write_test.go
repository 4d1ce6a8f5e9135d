package write

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// ---------------------------------------------------------------- fixtures

var candCols = []Column{
	{Name: "乡镇"}, {Name: "村"}, {Name: "户编号", Kind: Code}, {Name: "户主姓名"},
	{Name: "户主身份证号", Kind: ID}, {Name: "户类型"}, {Name: "候选类型"}, {Name: "家庭人口数", Kind: Int},
	{Name: "纯收入", Kind: Money}, {Name: "理赔收入", Kind: Money}, {Name: "合规自付支出", Kind: Money},
	{Name: "人均纯收入", Kind: Money}, {Name: "申报人均纯收入", Kind: Money}, {Name: "一卡通转移性收入", Kind: Money},
	{Name: "风险因素"},
}

var candRows = [][]string{
	{"乌兰镇", "巴彦嘎查", "1505210010010001", "王 \"小\" 明", "150521199001011234", "脱贫户", "脱贫不稳定户", "3", "12000.50", "0.00", "1500.00", "4000.17", "8000.00", "2400.00", "因病、缺劳力"},
	{"乌兰镇", "巴彦嘎查", "1505210010010002", "李四", "15052119850505123X", "一般户", "边缘易致贫户", "1", "-0.50", "", "0.00", "-0.50", "", "0.00", "缺劳力"},
	{"乌兰镇", "查干嘎查", "1505210010020001", "阿拉坦·其其格", "150521197003031111", "一般户", "突发严重困难户", "4", "31000.00", "1000.00", "9000.00", "5750.00", "9000.00", "0.00", "因病,大额医疗"},
	{"宝日镇", "新村", "1505210020010001", " 张三", "150521200012121212", "脱贫户", "脱贫不稳定户", "2", "9000.00", "0.00", "0.00", "4500.00", "", "1200.00", "因残\n缺劳力"},
	{"宝日镇", "新村", "1505210020010002", "赵六", "150521196609091234", "脱贫户", "脱贫不稳定户", "5", "1234567.89", "0.00", "0.00", "246913.58", "", "0.00", ""},
}

var elimCols = []Column{
	{Name: "乡镇"}, {Name: "村"}, {Name: "户编号", Kind: Code}, {Name: "户主姓名"}, {Name: "户主身份证号", Kind: ID},
	{Name: "监测对象类型"}, {Name: "纳入监测时间", Kind: Date}, {Name: "人均纯收入", Kind: Money}, {Name: "建议"}, {Name: "原因"},
}

var elimRows = [][]string{
	{"乌兰镇", "巴彦嘎查", "1505210010010009", "钱七", "150521195001011234", "边缘易致贫户", "2022-05-01", "9000.00", "风险消除", ""},
	{"宝日镇", "新村", "1505210020010009", "孙八", "150521195001011234", "脱贫不稳定户", "2023-01-31", "7000.00", "暂不消除", "收入未稳定超过监测范围；监测不满6个月"},
	{"宝日镇", "新村", "1505210020010010", "周九", "150521195001011234", "脱贫不稳定户", "", "", "暂不消除", "无劳动能力兜底户，持续跟踪监测"},
}

var discCols = []Column{
	{Name: "疑点编码"}, {Name: "疑点类型"}, {Name: "乡镇"}, {Name: "村"}, {Name: "户编号", Kind: Code},
	{Name: "身份证号", Kind: ID}, {Name: "姓名"}, {Name: "来源"}, {Name: "申报值", Kind: Money}, {Name: "比对值", Kind: Money},
	{Name: "差额", Kind: Money}, {Name: "说明"},
}

var discRows = [][]string{
	{"MULTI_HOUSEHOLD", "一人多户", "乌兰镇", "巴彦嘎查", "", "150521199001011234", "王小明", "排查表", "", "", "", "列在2户"},
	{"TRANSFER_MISMATCH", "转移性收入与一卡通不符", "乌兰镇", "巴彦嘎查", "1505210010010001", "150521199001011234", "王小明", "一卡通", "1000.00", "2400.00", "1400.00", ""},
	{"MULTI_HOUSEHOLD", "一人多户", "宝日镇", "新村", "", "15052119850505123X", "李四", "排查表", "", "", "", ""},
}

var rejCols = []Column{{Name: "文件"}, {Name: "工作表"}, {Name: "行号", Kind: Int}, {Name: "来源类型"}, {Name: "原因"}, {Name: "原始内容"}}

var rejRows = [][]string{
	{"card/一卡通.xlsx", "Sheet1", "7", "card", "身份证号为科学计数法", "1.50521E+17,=SUM(A1),100"},
	{"survey/排查表.xls", "", "12", "survey", "户类型无效", "a\x01b\t_x0041_ <b>&amp;"},
}

// rowsOf serves rows like the lead's SQL, reusing the slice.
func rowsOf(cols []Column, rows [][]string) func(context.Context, func([]string) error) error {
	return func(ctx context.Context, yield func([]string) error) error {
		buf := make([]string, len(cols))
		for _, r := range rows {
			copy(buf, r) // the slice is reused, as the lead's code does
			if err := yield(buf); err != nil {
				return err
			}
			clear(buf)
		}
		return nil
	}
}

func testLists() []List {
	return []List{
		{File: "candidates.csv", Sheet: "监测对象候选", Columns: candCols, InTownships: true,
			CountBy: "候选类型", CountLabel: "候选", CountValues: []string{"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"}, Rows: rowsOf(candCols, candRows)},
		{File: "elimination.csv", Sheet: "风险消除", Columns: elimCols, InTownships: true, CountBy: "建议", Rows: rowsOf(elimCols, elimRows)},
		{File: "discrepancies.csv", Sheet: "疑点", Columns: discCols, InTownships: true, CountBy: "疑点类型", Rows: rowsOf(discCols, discRows)},
		{File: "rejects.csv", Sheet: "退回记录", Columns: rejCols, Rows: rowsOf(rejCols, rejRows)},
	}
}

func testOutput(dir string) Output {
	return Output{
		Dir: dir, Formats: Formats{CSV: true, XLSX: true}, Lists: testLists(),
		Townships: []string{"乌兰镇", "宝日镇"},
		Notices:   testNotices(),
		Files:     map[string][]byte{"summary.json": []byte(`{"files": []}` + "\n")},
	}
}

// testNotices posts the candidates and the 风险消除 households, as the
// pipeline's view does, and names 查干嘎查's neighbour 空村, which has none.
func testNotices() *Notices {
	var rows [][]string
	for _, r := range candRows {
		rows = append(rows, []string{r[0], r[1], "0", r[3], r[4], r[7], r[6]})
	}
	for _, r := range elimRows {
		if r[8] == "风险消除" {
			rows = append(rows, []string{r[0], r[1], "1", r[3], r[4], "2", r[5]})
		}
	}
	slices.SortStableFunc(rows, func(a, b []string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	rows = append(rows, []string{"乌兰镇", "空村", "", "", "", "", ""})
	return &Notices{
		Sheets: []NoticeSheet{{"新识别监测对象公示", "2023年拟纳入防返贫监测对象名单公示"}, {"风险消除公示", "2023年拟标注风险消除监测对象名单公示"}},
		Terms: func(t string) NoticeTerms {
			return NoticeTerms{Start: time.Date(2023, 5, 16, 0, 0, 0, 0, time.UTC), Days: 5, Unit: t + "人民政府", Phone: "0476-1234567"}
		},
		Rows: rowsOf(make([]Column, NoticeColumns), rows),
	}
}

// written writes testOutput into a fresh folder and returns the folder.
func written(t *testing.T, mod func(*Output)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	o := testOutput(dir)
	if mod != nil {
		mod(&o)
	}
	if err := Write(context.Background(), o); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return dir
}

func open(t *testing.T, p string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(p, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func numFmt(t *testing.T, f *excelize.File, sheet, cell string) int {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return -1
	}
	return st.NumFmt
}

func customFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, _ := f.GetCellStyle(sheet, cell)
	st, _ := f.GetStyle(id)
	if st == nil || st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// autoFilterRef reads the <autoFilter ref> of a sheet from the package
// itself, which is what Excel sees.
func autoFilterRef(t *testing.T, path, sheet string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	read := func(name string) []byte {
		for _, zf := range zr.File {
			if zf.Name == name {
				rc, _ := zf.Open()
				defer rc.Close()
				b, _ := io.ReadAll(rc)
				return b
			}
		}
		t.Fatalf("%s: no %s", path, name)
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(read("xl/workbook.xml"), &wb); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels); err != nil {
		t.Fatal(err)
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				var ws struct {
					AF *struct {
						Ref string `xml:"ref,attr"`
					} `xml:"autoFilter"`
				}
				if err := xml.Unmarshal(read("xl/"+strings.TrimPrefix(r.Target, "/xl/")), &ws); err != nil {
					t.Fatal(err)
				}
				if ws.AF == nil {
					return ""
				}
				return strings.ReplaceAll(ws.AF.Ref, "$", "") // excelize writes $A$1:$O$6
			}
		}
	}
	t.Fatalf("%s: no sheet %s", path, sheet)
	return ""
}

func rows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	r, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// ---------------------------------------------------------------- CSV

func TestCSVGolden(t *testing.T) {
	dir := written(t, nil)
	for _, name := range []string{"candidates.csv", "elimination.csv", "discrepancies.csv", "rejects.csv"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", strings.TrimSuffix(name, ".csv")+".golden.csv")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update once)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s:\n%s", name, golden, got)
		}
		if !bytes.HasPrefix(got, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s: no UTF-8 BOM", name)
		}
		if bytes.Contains(got, []byte("\r\n")) {
			t.Errorf("%s: CRLF line ends, want LF", name)
		}
	}
}

func TestCSVContent(t *testing.T) {
	dir := written(t, nil)
	b, _ := os.ReadFile(filepath.Join(dir, "candidates.csv"))
	s := string(b[3:])
	for _, want := range []string{
		"乡镇,村,户编号,户主姓名,户主身份证号,户类型,候选类型,家庭人口数,纯收入,理赔收入,合规自付支出,人均纯收入,申报人均纯收入,一卡通转移性收入,风险因素\n",
		`"王 ""小"" 明"`,               // quotes doubled
		`"因病,大额医疗"`,                 // comma quoted
		"\"因残\n缺劳力\"",               // newline quoted
		`" 张三"`,                     // leading space quoted
		",15052119850505123X,",      // ID as given
		",-0.50,,0.00,-0.50,,0.00,", // money as given, empty stays empty
		",1234567.89,",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("candidates.csv lacks %q", want)
		}
	}
}

func TestCSVDeterministic(t *testing.T) {
	a, b := written(t, nil), written(t, nil)
	for _, name := range []string{"candidates.csv", "elimination.csv", "discrepancies.csv", "rejects.csv", "summary.json"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two writes differ (or empty)", name)
		}
	}
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		name    string
		formats Formats
		want    []string
		absent  []string
	}{
		{"csv only", Formats{CSV: true}, []string{"candidates.csv", "rejects.csv", "summary.json"}, []string{"report.xlsx", "townships", "public"}},
		{"xlsx only", Formats{XLSX: true}, []string{"report.xlsx", "townships/乌兰镇.xlsx", "public/宝日镇/新村-公示.xlsx", "summary.json"}, []string{"candidates.csv", ".scratch"}},
		{"none", Formats{}, []string{"summary.json"}, []string{"candidates.csv", "report.xlsx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := written(t, func(o *Output) { o.Formats = tc.formats })
			for _, p := range tc.want {
				if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
					t.Errorf("missing %s", p)
				}
			}
			for _, p := range tc.absent {
				if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
					t.Errorf("unexpected %s", p)
				}
			}
		})
	}
}

// ---------------------------------------------------------------- report.xlsx

func TestReportCells(t *testing.T) {
	dir := written(t, nil)
	path := filepath.Join(dir, "report.xlsx")
	f := open(t, path)
	if got, want := f.GetSheetList(), []string{"汇总", "监测对象候选", "风险消除", "疑点", "退回记录"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	const sh = "监测对象候选"
	for _, tc := range []struct {
		cell, value string
		typ         excelize.CellType
		fmt         int
	}{
		{"E2", "150521199001011234", excelize.CellTypeInlineString, 49},
		{"E3", "15052119850505123X", excelize.CellTypeInlineString, 49},
		{"C2", "1505210010010001", excelize.CellTypeInlineString, 49},
		{"I2", "12000.5", excelize.CellTypeUnset, 2}, // numeric: no t attribute
		{"I3", "-0.5", excelize.CellTypeUnset, 2},
		{"J2", "0", excelize.CellTypeUnset, 2},
		{"I6", "1234567.89", excelize.CellTypeUnset, 2},
		{"L2", "4000.17", excelize.CellTypeUnset, 2},
		{"H2", "3", excelize.CellTypeUnset, 1},
		{"A2", "乌兰镇", excelize.CellTypeInlineString, 0},
	} {
		v, _ := f.GetCellValue(sh, tc.cell)
		typ, _ := f.GetCellType(sh, tc.cell)
		if v != tc.value || typ != tc.typ {
			t.Errorf("%s: %q (type %v), want %q (type %v)", tc.cell, v, typ, tc.value, tc.typ)
		}
		if got := numFmt(t, f, sh, tc.cell); got != tc.fmt {
			t.Errorf("%s: number format %d, want %d", tc.cell, got, tc.fmt)
		}
	}
	// control characters and XML-looking text survive as text
	if v, _ := f.GetCellValue("退回记录", "F3"); !strings.Contains(v, "_x0041_ <b>&amp;") {
		t.Errorf("退回记录 F3 = %q", v)
	}
	if v, _ := f.GetCellValue("退回记录", "F2"); v != "1.50521E+17,=SUM(A1),100" {
		t.Errorf("退回记录 F2 = %q", v)
	}
	// empty money stays empty
	if v, _ := f.GetCellValue(sh, "J3"); v != "" {
		t.Errorf("J3 = %q, want empty", v)
	}
	// the formatted view shows 2 decimals and the full ID
	fv, _ := excelize.OpenFile(path)
	defer fv.Close()
	for cell, want := range map[string]string{"I3": "-0.50", "I2": "12000.50", "E2": "150521199001011234"} {
		if v, _ := fv.GetCellValue(sh, cell); v != want {
			t.Errorf("%s shows %q, want %q", cell, v, want)
		}
	}
	// date cells
	typ, _ := f.GetCellType("风险消除", "G2")
	v, _ := f.GetCellValue("风险消除", "G2")
	if typ != excelize.CellTypeUnset || v != "44682" || customFmt(t, f, "风险消除", "G2") != "yyyy-mm-dd" {
		t.Errorf("date G2: %q type %v fmt %q", v, typ, customFmt(t, f, "风险消除", "G2"))
	}
	if v, _ := fv.GetCellValue("风险消除", "G3"); v != "2023-01-31" {
		t.Errorf("date G3 shows %q", v)
	}
	// ID column style for cells typed in later
	for _, sheet := range []string{sh, "疑点"} {
		col := "E"
		if sheet == "疑点" {
			col = "F"
		}
		id, err := f.GetColStyle(sheet, col)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.GetStyle(id)
		if st.NumFmt != 49 {
			t.Errorf("%s column %s style numfmt %d, want 49", sheet, col, st.NumFmt)
		}
	}
	// header, panes, filter, widths on every list sheet
	for _, tc := range []struct{ sheet, ref string }{
		{sh, "A1:O6"}, {"风险消除", "A1:J4"}, {"疑点", "A1:L4"}, {"退回记录", "A1:F3"},
	} {
		p, err := f.GetPanes(tc.sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v %v", tc.sheet, p, err)
		}
		if got := autoFilterRef(t, path, tc.sheet); got != tc.ref {
			t.Errorf("%s: autofilter %q, want %q", tc.sheet, got, tc.ref)
		}
		id, _ := f.GetCellStyle(tc.sheet, "A1")
		st, _ := f.GetStyle(id)
		if st.Font == nil || !st.Font.Bold || len(st.Fill.Color) == 0 {
			t.Errorf("%s: header style %+v", tc.sheet, st)
		}
	}
	for col, want := range map[string][2]float64{"A": {8, 12}, "E": {20, 24}, "O": {14, 20}} {
		w, _ := f.GetColWidth(sh, col)
		if w < want[0] || w > want[1] {
			t.Errorf("width of %s: %v, want %v..%v", col, w, want[0], want[1])
		}
	}
}

func TestSummarySheet(t *testing.T) {
	dir := written(t, nil)
	f := open(t, filepath.Join(dir, "report.xlsx"))
	rs := rows(t, f, "汇总")
	hdr := rs[0]
	wantHdr := []string{"乡镇", "村", "候选:脱贫不稳定户", "候选:边缘易致贫户", "候选:突发严重困难户", "候选合计",
		"风险消除:暂不消除", "风险消除:风险消除", "风险消除合计", "疑点:一人多户", "疑点:转移性收入与一卡通不符", "疑点合计"}
	if !slices.Equal(hdr, wantHdr) {
		t.Fatalf("汇总 header %q\nwant %q", hdr, wantHdr)
	}
	get := func(r []string, col string) string {
		i := slices.Index(hdr, col)
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	want := map[[2]string]map[string]string{
		{"乌兰镇", "巴彦嘎查"}: {"候选:脱贫不稳定户": "1", "候选:边缘易致贫户": "1", "候选合计": "2", "风险消除:风险消除": "1", "疑点:一人多户": "1", "疑点合计": "2"},
		{"乌兰镇", "查干嘎查"}: {"候选:突发严重困难户": "1", "候选合计": "1", "风险消除合计": "0"},
		{"宝日镇", "新村"}:   {"候选:脱贫不稳定户": "2", "风险消除:暂不消除": "2", "疑点:一人多户": "1"},
		{"合计", "3个村"}:   {"候选合计": "5", "风险消除合计": "3", "疑点合计": "3", "疑点:一人多户": "2"},
		{"宝日镇", "1"}:    {"候选合计": "2"}, // township table
	}
	seen := map[[2]string]bool{}
	for _, r := range rs[1:] {
		if len(r) < 2 {
			continue
		}
		k := [2]string{r[0], r[1]}
		for col, v := range want[k] {
			seen[k] = true
			if got := get(r, col); got != v {
				t.Errorf("汇总 %v %s = %q, want %q", k, col, got, v)
			}
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("汇总 has no row %v", k)
		}
	}
	if p, _ := f.GetPanes("汇总"); !p.Freeze || p.YSplit != 1 {
		t.Errorf("汇总 panes %+v", p)
	}
	if got := autoFilterRef(t, filepath.Join(dir, "report.xlsx"), "汇总"); got != "A1:L4" {
		t.Errorf("汇总 autofilter %q", got)
	}
	if ch := zipNames(t, filepath.Join(dir, "report.xlsx"), "xl/charts/"); len(ch) != 1 {
		t.Errorf("report.xlsx charts %v, want 1", ch)
	}
}

func zipNames(t *testing.T, path, prefix string) []string {
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []string
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, prefix) {
			out = append(out, f.Name)
		}
	}
	return out
}

// ---------------------------------------------------------------- townships

func TestTownshipSplit(t *testing.T) {
	dir := written(t, nil)
	for _, town := range []string{"乌兰镇", "宝日镇"} {
		f := open(t, filepath.Join(dir, "townships", town+".xlsx"))
		if got, want := f.GetSheetList(), []string{"汇总", "监测对象候选", "风险消除", "疑点"}; !slices.Equal(got, want) {
			t.Errorf("%s: sheets %v, want %v", town, got, want)
		}
		total := 0
		for _, sh := range []string{"监测对象候选", "风险消除", "疑点"} {
			rs := rows(t, f, sh)
			ti := slices.Index(rs[0], "乡镇")
			for _, r := range rs[1:] {
				total++
				if r[ti] != town {
					t.Errorf("%s/%s: row of %s: %v", town, sh, r[ti], r)
				}
			}
		}
		if want := map[string]int{"乌兰镇": 3 + 1 + 2, "宝日镇": 2 + 2 + 1}[town]; total != want {
			t.Errorf("%s: %d rows, want %d", town, total, want)
		}
		rs := rows(t, f, "汇总")
		for _, r := range rs[1:] {
			if len(r) > 0 && r[0] != town && r[0] != "合计" {
				t.Errorf("%s: 汇总 row %v", town, r)
			}
		}
	}
}

// Each township workbook holds exactly its own rows, in list order, however
// the rows of the townships come mixed; a row of a township without a
// workbook (or of none) is in none.
func TestTownshipRowsRouted(t *testing.T) {
	var mixed [][]string
	for i := range 40 {
		r := slices.Clone(candRows[i%len(candRows)])
		r[2] = fmt.Sprintf("15052100%08d", i)
		switch i % 7 {
		case 5:
			r[0] = "别的镇"
		case 6:
			r[0] = ""
		}
		mixed = append(mixed, r)
	}
	dir := written(t, func(o *Output) { o.Lists[0].Rows = rowsOf(candCols, mixed) })
	for _, town := range []string{"乌兰镇", "宝日镇"} {
		var want []string
		for _, r := range mixed {
			if r[0] == town {
				want = append(want, r[2])
			}
		}
		for _, path := range []string{filepath.Join(dir, "townships", town+".xlsx")} {
			f := open(t, path)
			sheet := "监测对象候选"
			var got []string
			rs := rows(t, f, sheet)
			for _, r := range rs {
				if len(r) > 2 && strings.HasPrefix(r[2], "15052100") {
					got = append(got, r[2])
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: 户编号 %v, want %v", path, got, want)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "townships", "别的镇.xlsx")); !os.IsNotExist(err) {
		t.Errorf("a workbook for a township the output does not have: %v", err)
	}
}

var idLike = regexp.MustCompile(`\d{17}[\dX]`)

func TestTownshipNamesStayInside(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	bad := []string{"../逃逸", "a/b", "..", ".", "/etc/x", `c:\x`, "CON", "乌兰镇", "a_b", "A_B"}
	o := testOutput(dir)
	o.Townships = append(slices.Clone(bad), "", "乌兰镇") // "" (= all rows) and duplicates are skipped
	if err := Write(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, parent, "out")
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	n := 0
	for _, f := range files {
		if strings.HasPrefix(f, "townships/") {
			n++
			if strings.Count(f, "/") != 1 || strings.HasPrefix(filepath.Base(f), ".") {
				t.Errorf("township file %q", f)
			}
		}
	}
	if n != len(bad) {
		t.Errorf("%d township files for %d townships: %v", n, len(bad), files)
	}
	if _, err := os.Stat(filepath.Join(dir, "townships", "乌兰镇.xlsx")); err != nil {
		t.Error(err)
	}
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"乌兰镇": "乌兰镇", "a/b": "a_b", "..": "_", "../x": "_._x", "CON": "_CON", "nul.txt": "_nul.txt",
		" 镇 ": "镇", "a:b*?": "a_b__", "": "_", "x.": "x",
	} {
		if got := safeFileName(in); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// ---------------------------------------------------------------- sheet splitting

func TestSheetSplit(t *testing.T) {
	old := MaxSheetRows
	MaxSheetRows = 4 // header + 3 rows per sheet
	defer func() { MaxSheetRows = old }()
	var many [][]string
	for i := range 10 {
		many = append(many, []string{"乌兰镇", "巴彦嘎查", fmt.Sprintf("15052100100100%02d", i), "某", "150521199001011234", "一般户", "边缘易致贫户", "1", "1.00", "", "", "", "", "", ""})
	}
	dir := written(t, func(o *Output) {
		o.Lists[0].Rows = rowsOf(candCols, many)
		o.Lists[0].Sheet = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一" // 31 characters
	})
	path := filepath.Join(dir, "report.xlsx")
	f := open(t, path)
	base := "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"
	r := []rune(base)
	names := []string{base, string(r[:28]) + "(2)", string(r[:28]) + "(3)", string(r[:28]) + "(4)"}
	sheets := f.GetSheetList()
	for _, n := range names {
		if !slices.Contains(sheets, n) {
			t.Fatalf("no sheet %q in %v", n, sheets)
		}
	}
	next := 0
	for i, n := range names {
		rs := rows(t, f, n)
		if rs[0][0] != "乡镇" {
			t.Errorf("%s: no header", n)
		}
		if want := min(3, 10-3*i); len(rs)-1 != want {
			t.Errorf("%s: %d rows, want %d", n, len(rs)-1, want)
		}
		for _, row := range rs[1:] {
			if row[2] != many[next][2] {
				t.Errorf("%s: row %v out of order", n, row)
			}
			next++
		}
		if p, _ := f.GetPanes(n); !p.Freeze {
			t.Errorf("%s: not frozen", n)
		}
		if ref := autoFilterRef(t, path, n); ref != "A1:O"+strconv.Itoa(len(rs)) {
			t.Errorf("%s: autofilter %q", n, ref)
		}
	}
}

// ---------------------------------------------------------------- atomicity

// assertOnly checks that parent holds exactly the given entries (no
// temporary folder left behind).
func assertOnly(t *testing.T, parent string, names ...string) {
	t.Helper()
	ents, _ := os.ReadDir(parent)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %v, want %v", parent, got, names)
	}
}

func previous(t *testing.T) (parent, dir string) {
	parent = t.TempDir()
	dir = filepath.Join(parent, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "marker"), []byte("previous run"), 0o644); err != nil {
		t.Fatal(err)
	}
	return parent, dir
}

func assertPrevious(t *testing.T, parent, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "marker"))
	if err != nil || string(b) != "previous run" {
		t.Errorf("previous output damaged: %q %v", b, err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("previous output folder now holds %d entries", len(ents))
	}
	assertOnly(t, parent, "out")
}

func TestFailureLeavesPrevious(t *testing.T) {
	boom := errors.New("duckdb: connection lost")
	failAfter := func(rs [][]string, n int) func(context.Context, func([]string) error) error {
		return func(ctx context.Context, yield func([]string) error) error {
			for i, r := range rs {
				if i == n {
					return boom
				}
				if err := yield(r); err != nil {
					return err
				}
			}
			return boom
		}
	}
	for _, tc := range []struct {
		name   string
		mod    func(o *Output, cancel context.CancelFunc)
		wantIs error
	}{
		{"rows error in the last list", func(o *Output, _ context.CancelFunc) {
			o.Lists[2].Rows = failAfter(discRows, 2)
		}, boom},
		{"rows error in the first list", func(o *Output, _ context.CancelFunc) {
			o.Lists[0].Rows = failAfter(candRows, 1)
		}, boom},
		{"rows error csv only", func(o *Output, _ context.CancelFunc) {
			o.Formats.XLSX = false
			o.Lists[0].Rows = failAfter(candRows, 3)
		}, boom},
		{"cancelled while streaming", func(o *Output, cancel context.CancelFunc) {
			inner := o.Lists[1].Rows
			o.Lists[1].Rows = func(ctx context.Context, yield func([]string) error) error {
				cancel()
				return inner(ctx, yield) // ignores ctx itself
			}
		}, context.Canceled},
		{"cancelled during many rows", func(o *Output, cancel context.CancelFunc) {
			o.Lists[0].Rows = func(ctx context.Context, yield func([]string) error) error {
				row := slices.Clone(candRows[0])
				for i := 0; ; i++ {
					if i == 1000 {
						cancel()
					}
					if err := yield(row); err != nil {
						return err
					}
				}
			}
		}, context.Canceled},
		{"rows func swallows the yield error", func(o *Output, _ context.CancelFunc) {
			o.Lists[0].Rows = func(ctx context.Context, yield func([]string) error) error {
				yield([]string{"too", "short"})
				return nil
			}
		}, nil},
		{"file name clash", func(o *Output, _ context.CancelFunc) {
			o.Files["candidates.csv"] = []byte("x")
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent, dir := previous(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			o := testOutput(dir)
			tc.mod(&o, cancel)
			err := Write(ctx, o)
			if err == nil {
				t.Fatal("Write succeeded")
			}
			if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
				t.Errorf("Write = %v, want %v", err, tc.wantIs)
			}
			assertPrevious(t, parent, dir)
		})
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	parent, dir := previous(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, testOutput(dir)); !errors.Is(err, context.Canceled) {
		t.Fatalf("Write = %v", err)
	}
	assertPrevious(t, parent, dir)
}

func TestReplacesPrevious(t *testing.T) {
	for _, tc := range []struct {
		name     string
		exchange func(a, b string) error
	}{
		{"rename exchange", renameExchange},
		{"fallback without exchange", func(a, b string) error { return errNoExchange }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := exchange
			exchange = tc.exchange
			defer func() { exchange = old }()
			parent, dir := previous(t)
			if err := Write(context.Background(), testOutput(dir)); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, "marker")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("old contents still there: %v", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "candidates.csv")); err != nil {
				t.Error(err)
			}
			assertOnly(t, parent, "out")
		})
	}
}

func TestSymlinkedOut(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "runs", "r1")
	os.MkdirAll(real, 0o700)
	link := filepath.Join(parent, "latest")
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	if err := Write(context.Background(), testOutput(link)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link replaced: %v", err)
	}
	if _, err := os.Stat(filepath.Join(real, "report.xlsx")); err != nil {
		t.Error(err)
	}
}

func TestPermissions(t *testing.T) {
	dir := written(t, nil)
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := d.Info()
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700 | fs.ModeDir
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode(), want)
		}
		n++
		return nil
	})
	if n < 12 {
		t.Errorf("only %d entries", n)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "summary.json")); string(b) != "{\"files\": []}\n" {
		t.Errorf("summary.json = %q", b)
	}
}

func deadPID(t *testing.T) int {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	return cmd.Process.Pid
}

func TestStaleTempRemoved(t *testing.T) {
	parent, dir := previous(t)
	dead := deadPID(t)
	stale := filepath.Join(parent, fmt.Sprintf(".out.tmp-%d-123456", dead))
	live := filepath.Join(parent, fmt.Sprintf(".out.tmp-%d-654321", os.Getppid()))
	other := filepath.Join(parent, fmt.Sprintf(".other.tmp-%d-1", dead))
	for _, d := range []string{stale, live, other} {
		os.MkdirAll(filepath.Join(d, "townships"), 0o700)
		os.WriteFile(filepath.Join(d, "candidates.csv"), []byte("x"), 0o600)
	}
	if err := Write(context.Background(), testOutput(dir)); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, parent, "out", filepath.Base(live), filepath.Base(other))
}

func TestStaleAsideRestored(t *testing.T) {
	// killed between the two renames of the fallback swap: the previous output
	// is aside and there is no output folder
	parent := t.TempDir()
	aside := filepath.Join(parent, fmt.Sprintf(".out.tmp-%d-old-42", deadPID(t)))
	os.Mkdir(aside, 0o700)
	os.WriteFile(filepath.Join(aside, "marker"), []byte("previous run"), 0o600)
	o := testOutput(filepath.Join(parent, "out"))
	o.Lists[0].Rows = func(context.Context, func([]string) error) error { return errors.New("fail") }
	if err := Write(context.Background(), o); err == nil {
		t.Fatal("Write succeeded")
	}
	assertPrevious(t, parent, filepath.Join(parent, "out"))
}

func TestBadOutputs(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "file")
	os.WriteFile(file, nil, 0o600)
	for _, tc := range []struct {
		name string
		mod  func(*Output)
	}{
		{"out is a file", func(o *Output) { o.Dir = file }},
		{"no dir", func(o *Output) { o.Dir = "" }},
		{"extra file escapes", func(o *Output) { o.Files["../x"] = nil }},
		{"csv escapes", func(o *Output) { o.Lists[0].File = "../c.csv" }},
		{"file into townships", func(o *Output) { o.Files["townships/x"] = nil }},
		{"no columns", func(o *Output) { o.Lists[0].Columns = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := testOutput(filepath.Join(parent, "out"))
			tc.mod(&o)
			if err := Write(context.Background(), o); err == nil {
				t.Fatal("Write succeeded")
			}
			assertOnly(t, parent, "file")
		})
	}
}

func TestParseDecimal(t *testing.T) {
	for _, tc := range []struct {
		in string
		f  float64
		ok bool
	}{
		{"1234.56", 1234.56, true}, {"-0.50", -0.5, true}, {"-0.00", 0, true}, {"0", 0, true}, {"+3.", 3, true},
		{"", 0, false}, {"1e5", 0, false}, {"NaN", 0, false}, {"1,234.00", 0, false}, {"-", 0, false}, {".", 0, false},
	} {
		f, ok := parseDecimal(tc.in)
		if f != tc.f || ok != tc.ok {
			t.Errorf("parseDecimal(%q) = %v %v", tc.in, f, ok)
		}
	}
}

func TestTextWidth(t *testing.T) {
	for in, want := range map[string]float64{"abc": 3, "乡镇": 4, "１２": 4, "无劳动能力兜底户，持续跟踪监测": 30, "ab\n乡镇乡": 6} {
		if got := textWidth(in); got != want {
			t.Errorf("textWidth(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCreatesMissingParents(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "runs", "2023", "out")
	if err := Write(context.Background(), testOutput(dir)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.xlsx")); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, filepath.Dir(dir), "out")
}
