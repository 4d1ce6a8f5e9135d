package read

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

type row struct {
	Num   int
	Cells []string
}

func (r row) String() string { return fmt.Sprintf("%d:%q", r.Num, r.Cells) }

// readAll opens path and returns every sheet's rows.
func readAll(t testing.TB, path string) (map[string][]row, []string, error) {
	t.Helper()
	wb, err := Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer wb.Close()
	out := map[string][]row{}
	for _, s := range wb.Sheets() {
		var rows []row
		err := wb.Rows(context.Background(), s, func(num int, cells []string) error {
			rows = append(rows, row{num, append([]string(nil), cells...)})
			return nil
		})
		out[s] = rows
		if err != nil {
			return out, wb.Sheets(), err
		}
	}
	return out, wb.Sheets(), nil
}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(t testing.TB, s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSV(t *testing.T) {
	// A UTF-8 file whose first 64 KiB are clean and which has a broken byte later.
	long := strings.Repeat("张三,150502194904138864,100\n", 3000)
	tests := []struct {
		name  string
		ext   string
		data  []byte
		want  []row
		err   error // errors.Is target; nil: no error
		enc   string
		comma rune
	}{{
		name: "UTF8",
		data: []byte("姓名,身份证号\n张三,150502194904138864\n"),
		want: []row{{1, []string{"姓名", "身份证号"}}, {2, []string{"张三", "150502194904138864"}}},
		enc:  "UTF-8",
	}, {
		name: "UTF8BOM",
		data: []byte("\xEF\xBB\xBF姓名,身份证号\n张三,1505\n"),
		want: []row{{1, []string{"姓名", "身份证号"}}, {2, []string{"张三", "1505"}}},
		enc:  "UTF-8 BOM",
	}, {
		name: "GBK",
		data: gbk(t, "乡镇,行政村,姓名\r\n保康镇,白音哈达嘎查,额尔德木图\r\n"),
		want: []row{{1, []string{"乡镇", "行政村", "姓名"}}, {2, []string{"保康镇", "白音哈达嘎查", "额尔德木图"}}},
		enc:  "GB18030",
	}, {
		name: "GB18030OnlyChar",
		// 㐀 (U+3400) is not in GBK; GB18030 encodes it in four bytes.
		data: append(gbk(t, "姓名\n"), 0x81, 0x39, 0xEE, 0x39, '\n'),
		want: []row{{1, []string{"姓名"}}, {2, []string{"㐀"}}},
		enc:  "GB18030",
	}, {
		name: "CRLF",
		data: []byte("a,b\r\n1,2\r\n\r\n3,4\r\n"),
		want: []row{{1, []string{"a", "b"}}, {2, []string{"1", "2"}}, {4, []string{"3", "4"}}},
	}, {
		name: "QuotedNewlines",
		data: []byte("姓名,备注\n张三,\"第一行\n第二行\r\n第三行\"\n李四,x\n\"王\n五\",y\n"),
		want: []row{
			{1, []string{"姓名", "备注"}},
			{2, []string{"张三", "第一行\n第二行\n第三行"}},
			{5, []string{"李四", "x"}},
			{6, []string{"王\n五", "y"}},
		},
	}, {
		name: "Ragged",
		data: []byte("a,b,c\n1\n1,2,3,4,5\n,,x\n"),
		want: []row{{1, []string{"a", "b", "c"}}, {2, []string{"1"}}, {3, []string{"1", "2", "3", "4", "5"}}, {4, []string{"", "", "x"}}},
	}, {
		name: "BlankAndEmptyCellRows",
		data: []byte("a,b\n\n,,,\n , \n1,2,,\n"),
		want: []row{{1, []string{"a", "b"}}, {4, []string{" ", " "}}, {5, []string{"1", "2"}}},
	}, {
		name: "BareQuotes",
		data: []byte("a,b\n张\"三\",1\n5\"x,\"y\"z\"\n"),
		want: []row{{1, []string{"a", "b"}}, {2, []string{"张\"三\"", "1"}}, {3, []string{"5\"x", "y\"z"}}},
	}, {
		name: "InvalidUTF8Late",
		data: []byte("姓名,身份证号,金额\n" + long + "坏\xff\xfe字,1,2\n"),
		want: nil, // checked below
		enc:  "UTF-8",
	}, {
		name: "InvalidUTF8Early",
		data: []byte("姓名,身份证号,备注\n张三,1,坏\xff字\n李四,2,正常的中文备注\n王五,3,中文\n"),
		want: []row{
			{1, []string{"姓名", "身份证号", "备注"}},
			{2, []string{"张三", "1", "坏\uFFFD字"}},
			{3, []string{"李四", "2", "正常的中文备注"}},
			{4, []string{"王五", "3", "中文"}},
		},
		enc: "UTF-8",
	}, {
		name:  "TSV",
		data:  []byte("姓名\t金额\t备注\n张三\t1,000.00\t\"a\tb\"\n"),
		want:  []row{{1, []string{"姓名", "金额", "备注"}}, {2, []string{"张三", "1,000.00", "a\tb"}}},
		comma: '\t',
	}, {
		name:  "UTF16UnicodeText",
		ext:   ".txt",
		data:  utf16le(t, "姓名\t金额\r\n张三\t320\r\n"),
		want:  []row{{1, []string{"姓名", "金额"}}, {2, []string{"张三", "320"}}},
		enc:   "UTF-16LE",
		comma: '\t',
	}, {
		name: "OnlyBOM",
		data: []byte("\xEF\xBB\xBF"),
		want: nil,
	}, {
		name: "Empty",
		data: nil,
		err:  ErrEmpty,
	}, {
		name: "Binary",
		data: []byte("PK\x05\x06\x00\x00\x00\x01\x02\x03\x00\x00\x00"),
		err:  ErrNotWorkbook,
	}, {
		name: "CSVNamedXLS",
		ext:  ".xls",
		data: []byte("姓名,金额\n张三,1\n"),
		want: []row{{1, []string{"姓名", "金额"}}, {2, []string{"张三", "1"}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ext := tt.ext
			if ext == "" {
				ext = ".csv"
			}
			p := writeFile(t, "in"+ext, tt.data)
			got, sheets, err := readAll(t, p)
			if tt.err != nil {
				var fe *FileError
				if !errors.Is(err, tt.err) || !errors.As(err, &fe) || fe.Reason == "" {
					t.Fatalf("err = %v, want a *FileError wrapping %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sheets, []string{""}) {
				t.Errorf("sheets = %q", sheets)
			}
			if tt.enc != "" || tt.comma != 0 {
				head := tt.data[:min(len(tt.data), sniffLen)]
				ti := sniffText(head)
				if tt.enc != "" && ti.encName != tt.enc {
					t.Errorf("encoding = %s, want %s", ti.encName, tt.enc)
				}
				if tt.comma != 0 && ti.comma != tt.comma {
					t.Errorf("comma = %q, want %q", ti.comma, tt.comma)
				}
			}
			if tt.name == "InvalidUTF8Late" {
				rows := got[""]
				if len(rows) != 3002 {
					t.Fatalf("%d rows", len(rows))
				}
				if last := rows[3001]; last.Num != 3002 || last.Cells[0] != "坏\uFFFD字" {
					t.Errorf("last row = %v", last)
				}
				return
			}
			if !reflect.DeepEqual(got[""], tt.want) {
				t.Errorf("rows:\n got %v\nwant %v", got[""], tt.want)
			}
		})
	}
}

func TestCSVRealExports(t *testing.T) {
	// The conformance inputs, when present (they are not part of this repository).
	for _, p := range []string{
		"/work/shared/conformance/inputs/card/一卡通发放明细_2022年.csv",
		"/work/shared/conformance/inputs/card/民政资金发放明细.csv",
	} {
		if _, err := os.Stat(p); err != nil {
			t.Skip("conformance inputs not available")
		}
		got, _, err := readAll(t, p)
		if err != nil {
			t.Fatal(err)
		}
		rows := got[""]
		if len(rows) < 100 || rows[0].Num != 1 || !strings.Contains(strings.Join(rows[0].Cells, ","), "身份证号") {
			t.Errorf("%s: %d rows, first %v", p, len(rows), rows[0])
		}
		if strings.HasPrefix(rows[0].Cells[0], "\uFEFF") {
			t.Errorf("BOM not stripped")
		}
	}
}

// newXLSX writes a workbook built by build to a temporary file.
func newXLSX(t testing.TB, build func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	build(f)
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestXLSX(t *testing.T) {
	p := newXLSX(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "排查表")
		s := "排查表"
		f.SetCellValue(s, "A1", "白音哈达嘎查入户排查表")
		f.MergeCell(s, "A1", "F1")
		f.SetSheetRow(s, "A3", &[]any{"姓名", "身份证号", "收入情况", "", "出生日期", "身份证号(数字)"})
		f.MergeCell(s, "C3", "D3")
		f.SetSheetRow(s, "C4", &[]any{"工资性收入", "转移性收入"})
		f.SetSheetRow(s, "A5", &[]any{"张三", "150502194904138864", 1103.95, 198, 44682})
		st, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle(s, "E5", "E5", st)
		// An ID typed into a number cell, as Excel stores it.
		f.SetCellDefault(s, "F5", "1.50521199010041E+17")
		f.SetCellStyle(s, "A7", "F7", st) // styled but empty row: not reported
		f.SetCellValue(s, "B8", "小计")
		f.NewSheet("第二页")
		f.SetCellValue("第二页", "C2", "x")
	})
	got, sheets, err := readAll(t, p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sheets, []string{"排查表", "第二页"}) {
		t.Errorf("sheets = %q", sheets)
	}
	want := []row{
		{1, []string{"白音哈达嘎查入户排查表"}}, // merged cell not filled
		{3, []string{"姓名", "身份证号", "收入情况", "", "出生日期", "身份证号(数字)"}},
		{4, []string{"", "", "工资性收入", "转移性收入"}},
		{5, []string{"张三", "150502194904138864", "1103.95", "198", "44682", "1.50521199010041E+17"}},
		{8, []string{"", "小计"}},
	}
	if !reflect.DeepEqual(got["排查表"], want) {
		t.Errorf("rows:\n got %v\nwant %v", got["排查表"], want)
	}
	if w := []row{{2, []string{"", "", "x"}}}; !reflect.DeepEqual(got["第二页"], w) {
		t.Errorf("sheet 2 = %v", got["第二页"])
	}

	// The same workbook named .xls (a renamed .xlsx) reads the same.
	data, _ := os.ReadFile(p)
	got2, _, err := readAll(t, writeFile(t, "renamed.xls", data))
	if err != nil || !reflect.DeepEqual(got2, got) {
		t.Errorf("renamed .xls: %v, %v", err, got2)
	}
}

func TestBadFiles(t *testing.T) {
	good, err := os.ReadFile(newXLSX(t, func(f *excelize.File) { f.SetCellValue("Sheet1", "A1", "x") }))
	if err != nil {
		t.Fatal(err)
	}
	var encrypted []byte
	{
		f := excelize.NewFile()
		f.SetCellValue("Sheet1", "A1", "x")
		p := filepath.Join(t.TempDir(), "enc.xlsx")
		if err := f.SaveAs(p, excelize.Options{Password: "123"}); err != nil {
			t.Fatal(err)
		}
		encrypted, _ = os.ReadFile(p)
	}
	tests := []struct {
		name string
		file string
		data []byte
		is   error
		want string // in the reason
	}{
		{"TextRenamedXLSX", "a.xlsx", []byte("姓名,身份证号\n张三,1\n"), ErrNotWorkbook, "纯文本"},
		{"TruncatedXLSX", "a.xlsx", good[:len(good)/2], nil, "损坏"},
		{"TruncatedXLSXNamedXLS", "a.xls", good[:len(good)-30], nil, "损坏"},
		{"EncryptedXLSX", "a.xlsx", encrypted, ErrEncrypted, "密码"},
		{"EncryptedXLSXNamedXLS", "a.xls", encrypted, ErrEncrypted, "密码"},
		{"ZipNotWorkbook", "a.xlsx", zipOf(t, map[string]int{"readme.txt": 10}), ErrNotWorkbook, "压缩包"},
		{"ZipBomb", "a.xlsx", zipOf(t, map[string]int{"xl/workbook.xml": 10, "xl/worksheets/sheet1.xml": 3 << 30}), ErrTooLarge, "过大"},
		{"ZipBombStyles", "a.xlsx", zipOf(t, map[string]int{"xl/workbook.xml": 10, "xl/styles.xml": 300 << 20}), ErrTooLarge, "过大"},
		{"Garbage", "a.xls", []byte{0x01, 0x02, 0x00, 0x00, 0xff, 0x00, 0x13}, ErrNotWorkbook, "不是Excel"},
		{"EmptyXLSX", "a.xlsx", nil, ErrEmpty, "空的"},
		{"OLENotExcel", "a.xls", append(append([]byte{}, magicOLE...), make([]byte, 600)...), nil, "损坏"},
		{"WrongExtension", "a.pdf", []byte("x"), ErrNotWorkbook, "不支持"},
		{"XMLSpreadsheet", "a.xls", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>`), ErrNotWorkbook, "XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.file, tt.data)
			_, _, err := readAll(t, p)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *FileError", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want errors.Is %v", err, tt.is)
			}
			if !strings.Contains(fe.Reason, tt.want) || fe.Path != p || !strings.HasPrefix(err.Error(), p) {
				t.Errorf("err = %v (reason %q)", err, fe.Reason)
			}
			t.Log(err)
		})
	}
}

// zipOf builds a zip whose entries declare the given uncompressed sizes
// (their content is a few bytes: only the declared size matters to the check).
func zipOf(t testing.TB, entries map[string]int) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, size := range entries {
		fw, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CompressedSize64: 1, UncompressedSize64: uint64(size)})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte("x"))
	}
	w.Close()
	return buf.Bytes()
}

func TestFileErrorText(t *testing.T) {
	e := &FileError{Path: "a.xlsx", Sheet: "表1", Row: 7, Reason: "原因", Err: os.ErrNotExist}
	if got := e.Error(); got != "a.xlsx，工作表「表1」，第7行：原因" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(e, os.ErrNotExist) {
		t.Error("Unwrap")
	}
	if got := (&FileError{Path: "b.csv", Reason: "r"}).Error(); got != "b.csv：r" {
		t.Errorf("Error() = %q", got)
	}
}

func TestRowsStops(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "%d,x\n", i)
	}
	p := writeFile(t, "a.csv", []byte(b.String()))
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	stop := errors.New("stop")
	n := 0
	err = wb.Rows(context.Background(), "", func(num int, cells []string) error {
		n++
		if num == 10 {
			return stop
		}
		return nil
	})
	if err != stop || n != 10 {
		t.Errorf("err = %v after %d rows", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = wb.Rows(ctx, "", func(num int, cells []string) error {
		n++
		if n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > ctxEvery+5 {
		t.Errorf("err = %v after %d rows", err, n)
	}
	if err := wb.Rows(context.Background(), "Sheet1", func(int, []string) error { return nil }); !errors.Is(err, ErrNoSheet) {
		t.Errorf("unknown sheet: %v", err)
	}
}

func TestHTML(t *testing.T) {
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<style>td { mso-number-format:"\@"; }</style></head><body>
<p>不是表格</p>
<table border=1>
<tr><th colspan="3">白音哈达嘎查 发放明细</th></tr>
<tr><th>姓名</th><th>身份证号</th><th>金额<br>（元）</th></tr>
<tr><td rowspan=2>张&nbsp;三</td><td>150502194904138864</td><td> 1,103.95 </td></tr>
<tr><td>
   150502194904138865</td><td>198</td></tr>
<tr></tr>
<tr><td></td><td colspan=2>合计 &amp; 小计</td><td>x<table><tr><td>内</td><td>嵌</td></tr></table></td></tr>
</table>
<table><tr><td>第二个表不读</td></tr></table>
</body></html>`
	want := []row{
		{1, []string{"白音哈达嘎查 发放明细"}},
		{2, []string{"姓名", "身份证号", "金额\n（元）"}},
		{3, []string{"张 三", "150502194904138864", "1,103.95"}},
		{4, []string{"", "150502194904138865", "198"}},
		{6, []string{"", "合计 & 小计", "", "x\n内 嵌"}},
	}
	for _, tc := range []struct {
		name, file string
		data       []byte
	}{
		{"GBKMetaXLS", "a.xls", gbk(t, page)},
		{"UTF8XLS", "a.xls", []byte(strings.Replace(page, "gb2312", "utf-8", 1))},
		{"UTF8BOMNoMeta", "a.xls", []byte("\xEF\xBB\xBF" + strings.Replace(page, "charset=gb2312", "", 1))},
		{"HTMLNamedXLSX", "a.xlsx", []byte(strings.Replace(page, "gb2312", "utf-8", 1))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, sheets, err := readAll(t, writeFile(t, tc.file, tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sheets, []string{""}) {
				t.Errorf("sheets %q", sheets)
			}
			if !reflect.DeepEqual(got[""], want) {
				t.Errorf("rows:\n got %v\nwant %v", got[""], want)
			}
		})
	}
	// No table: no rows, no error.
	got, _, err := readAll(t, writeFile(t, "a.xls", []byte("<html><body>导出失败</body></html>")))
	if err != nil || len(got[""]) != 0 {
		t.Errorf("no table: %v %v", got, err)
	}
}

// TestXLSMatchesXLSX reads .xls files that LibreOffice wrote from .xlsx
// originals (soffice --headless --convert-to xls) and checks that every cell
// text equals what excelize reads from the original. Numbers are compared at
// Excel's 15 significant digits: the .xlsx may store 960.4299999999999 where
// the .xls has the double closest to 960.43. Formula cells the .xlsx carries
// no cached value for (excelize wrote the original) are listed.
func TestXLSMatchesXLSX(t *testing.T) {
	needCachedValues = false // handmade.xlsx has formulas without values
	defer func() { needCachedValues = true }()
	for _, name := range []string{"handmade", "medical", "survey_xinfa"} {
		t.Run(name, func(t *testing.T) {
			want, wantSheets, err := readAll(t, filepath.Join("testdata", name+".xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			got, gotSheets, err := readAll(t, filepath.Join("testdata", name+".xls"))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotSheets, wantSheets) {
				t.Fatalf("sheets %q, want %q", gotSheets, wantSheets)
			}
			formulas := map[string]bool{}
			if name == "handmade" {
				// =D4+E4, =D5+E5, =SUM(D4:D7): values LibreOffice computed.
				formulas = map[string]bool{"排查表!4!7": true, "排查表!5!7": true, "排查表!9!3": true}
			}
			cells := 0
			for _, s := range wantSheets {
				w, g := want[s], got[s]
				if len(w) != len(g) {
					t.Errorf("%s: %d rows, want %d", s, len(g), len(w))
					continue
				}
				for i := range w {
					if w[i].Num != g[i].Num {
						t.Errorf("%s: row %d numbered %d", s, w[i].Num, g[i].Num)
					}
					n := max(len(w[i].Cells), len(g[i].Cells))
					for c := range n {
						wc, gc := at(w[i].Cells, c), at(g[i].Cells, c)
						cells++
						if formulas[fmt.Sprintf("%s!%d!%d", s, w[i].Num, c)] {
							if gc == "" {
								t.Errorf("%s!%d col %d: formula result missing", s, w[i].Num, c)
							}
							continue
						}
						if !sameCell(wc, gc) {
							t.Errorf("%s!%d col %d: %q, want %q", s, w[i].Num, c, gc, wc)
						}
					}
				}
			}
			t.Logf("%d cells compared", cells)
		})
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func sameCell(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && strconv.FormatFloat(x, 'g', 15, 64) == strconv.FormatFloat(y, 'g', 15, 64)
}

func TestXLSHandmade(t *testing.T) {
	got, sheets, err := readAll(t, "testdata/handmade.xls")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sheets, []string{"排查表", "第二页", "长字符串"}) {
		t.Errorf("sheets %q", sheets)
	}
	rows := got["排查表"]
	want := []row{
		{1, []string{"白音哈达嘎查入户排查表"}},
		{2, []string{"姓名", "身份证号", "身份证号(数字)", "收入情况", "", "出生日期", "备注", "合计"}},
		{3, []string{"", "", "", "工资性收入", "转移性收入"}},
		{4, []string{"额尔德木图·吉日嘎拉", "150502194904138864", "1.50521199010041e+17", "198", "1103.95", "44682", "低保户", "1301.95"}},
		{5, []string{"杨桂兰", "15052119780720077X", "1.50521197807e+17", "12345678", "-3.5", "44927", "", "12345674.5"}},
	}
	if !reflect.DeepEqual(rows[:5], want) {
		t.Errorf("rows:\n got %v\nwant %v", rows[:5], want)
	}
	// Shared strings spanning CONTINUE records.
	long := got["长字符串"]
	if len(long) != 400 || long[399].Cells[0] != "第399户·乌兰察布市察哈尔右翼前旗巴音塔拉镇" || long[399].Cells[1] != "2793" {
		t.Errorf("long strings: %d rows, last %v", len(long), long[len(long)-1])
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{198, "198"}, {1103.95, "1103.95"}, {-3.5, "-3.5"}, {0, "0"}, {math.Copysign(0, -1), "0"},
		{12345678, "12345678"}, {150502490413886, "150502490413886"}, // a 15-digit ID survives
		{150521199010041021, "1.5052119901004102e+17"}, {1.50521e17, "1.50521e+17"},
		{44682, "44682"}, {0.1, "0.1"}, {1e-7, "0.0000001"}, {1e-12, "1e-12"},
	} {
		if got := formatNumber(tt.v); got != tt.want {
			t.Errorf("formatNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestRK(t *testing.T) {
	for _, tt := range []struct {
		rk   uint32
		want float64
	}{
		{198<<2 | 2, 198},
		{rkInt(-7), -7},
		{110395<<2 | 3, 1103.95},
		{rkInt(-350) | 1, -3.5},
		{uint32(math.Float64bits(-3.5) >> 32), -3.5},
		{uint32(math.Float64bits(1.5)>>32) | 1, 0.015},
	} {
		if got := rkValue(tt.rk); got != tt.want {
			t.Errorf("rkValue(%#x) = %v, want %v", tt.rk, got, tt.want)
		}
	}
}

func rkInt(v int32) uint32 { return uint32(v)<<2 | 2 }

// biff builds a BIFF record.
func biff(typ int, data ...[]byte) []byte {
	d := bytes.Join(data, nil)
	h := []byte{byte(typ), byte(typ >> 8), byte(len(d)), byte(len(d) >> 8)}
	return append(h, d...)
}

func le16(v int) []byte { return []byte{byte(v), byte(v >> 8)} }
func le32(v int) []byte { return []byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)} }

func TestSSTContinue(t *testing.T) {
	// "ab中文" split after "ab中": the continuation switches to... 16-bit,
	// then "xy" 8-bit, with rich-text runs split across the boundary.
	seg0 := bytes.Join([][]byte{le32(2), le32(2),
		le16(4), {0x01}, {'a', 0, 'b', 0, 0x2d, 0x4e}, // "ab中" of "ab中文" in 16-bit
	}, nil)
	seg1 := bytes.Join([][]byte{{0x01}, {0x87, 0x65}, // option byte, "文"
		le16(2), {0x08}, le16(1), {'x', 'y'}, {1, 2}, // "xy" with one run, split
	}, nil)
	seg2 := []byte{3, 4}
	got, err := parseSST([][]byte{seg0, seg1, seg2})
	if err != nil || !reflect.DeepEqual(got, []string{"ab中文", "xy"}) {
		t.Errorf("parseSST = %q, %v", got, err)
	}
	// 8-bit start, 16-bit continuation.
	seg0 = bytes.Join([][]byte{le32(1), le32(1), le16(3), {0x00}, {'a'}}, nil)
	seg1 = []byte{0x01, 0x2d, 0x4e, 0x87, 0x65}
	got, err = parseSST([][]byte{seg0, seg1})
	if err != nil || !reflect.DeepEqual(got, []string{"a中文"}) {
		t.Errorf("parseSST = %q, %v", got, err)
	}
	// Truncated: an error, no panic.
	if _, err := parseSST([][]byte{seg0}); err == nil {
		t.Error("truncated SST: no error")
	}
}

func TestBIFFGlobals(t *testing.T) {
	bof := biff(recBOF, le16(0x0600), le16(5), make([]byte, 12))
	enc := &xlsBook{path: "x.xls", stream: bytes.Join([][]byte{bof, biff(recFILEPASS, make([]byte, 54)), biff(recEOF)}, nil)}
	if err := enc.parseGlobals(); !errors.Is(err, ErrEncrypted) {
		t.Errorf("FILEPASS: %v", err)
	}
	biff5 := &xlsBook{path: "x.xls", stream: biff(recBOF, le16(0x0500), le16(5))}
	if err := biff5.parseGlobals(); err == nil || !strings.Contains(err.Error(), "Excel 95") {
		t.Errorf("BIFF5: %v", err)
	}
}

// An opening quote never closed swallows the rest of the file into one
// cell: that is an error at the row where it opens, while a legitimate
// multi-line cell at the end of the file is not.
func TestCSVUnterminatedQuote(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		errRow     int
	}{
		{"unterminated", "a,b\n1,2\n3,\"x\n5,6\n7,8\n", 3},
		{"unterminated no newline", "a,b\n1,2\n3,\"x\n5,6", 3},
		{"legit multi-line last cell", "a,b\n1,2\n3,\"x\ny\"\n", 0},
		{"legit multi-line last cell at EOF", "a,b\n1,2\n3,\"x\ny\"", 0},
		{"legit multi-line inner cell", "a,b\n1,\"x\ny\"\n3,4\n", 0},
		{"bare quotes", "a,b\n1,x\"y\"z\n3,4\n", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, writeFile(t, "a.csv", []byte(tt.data)))
			var fe *FileError
			switch {
			case tt.errRow == 0 && err != nil:
				t.Errorf("err = %v", err)
			case tt.errRow > 0 && (!errors.As(err, &fe) || fe.Row != tt.errRow || !strings.Contains(fe.Reason, "引号没有配对")):
				t.Errorf("err = %v, want an unpaired quote at row %d", err, tt.errRow)
			}
		})
	}
}

// Bytes invalid in the file's encoding are shown as U+FFFD and counted.
func TestCSVDamage(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"UTF-8", []byte("姓名,身份证号,金额,日期\n张三,1,2,3\n李\xff四,1,2,3\n王五,1,2,3\n赵六,1,2,3\n")},
		{"GBK", append(append(gbk(t, "姓名,身份证号\n张三,1\n"), 0x81, 0x20, 0xFF), gbk(t, ",1\n王五,1\n")...)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wb, err := Open(writeFile(t, "a.csv", tt.data))
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			if err := wb.Rows(context.Background(), "", func(int, []string) error { return nil }); err != nil {
				t.Fatal(err)
			}
			d, ok := wb.(interface{ Damage(string) (int, int) })
			if !ok {
				t.Fatal("no Damage method")
			}
			if n, first := d.Damage(""); n != 1 || first != 3 {
				t.Errorf("Damage = %d rows from row %d, want 1 from row 3", n, first)
			}
		})
	}
}

// TestFormulaWithoutCachedValue: a formula is read by the value the
// spreadsheet program saved with it, never evaluated; without one the file
// cannot be read, naming the sheet and the cell (SPEC §8).
func TestFormulaWithoutCachedValue(t *testing.T) {
	_, _, err := readAll(t, filepath.Join("testdata", "handmade.xlsx")) // written by excelize: no values
	var fe *FileError
	if !errors.As(err, &fe) || fe.Sheet != "排查表" || !strings.Contains(fe.Reason, "单元格 H4 是公式") {
		t.Fatalf("handmade.xlsx: %v, want a FileError for 排查表 H4", err)
	}
	for _, tc := range []struct {
		name, cells string
		want        []string // row 1
		err         string
	}{
		{"cached", `<c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>""</f><v></v></c><c r="C1" t="str"><f>A1&amp;"x"</f><v>2x</v></c>`, []string{"2", "", "2x"}, ""},
		{"no value", `<c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="AB1"><f>1+1</f></c>`, nil, "单元格 AB1 是公式"},
		{"empty f, no value", `<c r="B1"><f/></c>`, nil, "单元格 B1 是公式"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := readAll(t, writeFile(t, "f.xlsx", sheetXLSX(`<row r="1">`+tc.cells+`</row>`)))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "Sheet1") {
					t.Fatalf("err %v, want one naming Sheet1 and %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rows := got["Sheet1"]; len(rows) != 1 || !reflect.DeepEqual(rows[0].Cells, tc.want) {
				t.Errorf("rows %v, want %q", rows, tc.want)
			}
		})
	}
}

// sheetXLSX is a minimal workbook of one sheet, Sheet1, holding rows (the
// <sheetData> content).
func sheetXLSX(rows string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`},
	} {
		w, _ := z.Create(p.name)
		w.Write([]byte(p.body))
	}
	z.Close()
	return buf.Bytes()
}
