package read

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzCSV holds the CSV reader to encoding/csv on any input, cut into
// chunks of any size, and checks what Workbook.Rows promises.
func FuzzCSV(f *testing.F) {
	for _, s := range append([]string{
		"a,b\n1,2\n", "\xEF\xBB\xBFa,b\r\n\"x\ny\",2\r\n", "a\tb\n1\t2\n", "\"unterminated\n1,2",
		"a,\"b\"c\",d\n", "\xff\xfe\x00a\x00", "姓名,金额\n张三,1\n",
	}, csvCases...) {
		f.Add([]byte(s), uint8(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, size uint8) {
		p := filepath.Join(t.TempDir(), "f.csv")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		want := readCSVReference(t, p)
		withChunkSize(1+int(size), func() {
			if got := readCSVOurs(t, p); !reflect.DeepEqual(got, want) {
				t.Fatalf("chunks of %d bytes:\n got  %+v\n want %+v", 1+int(size), got, want)
			}
		})
		last := 0
		for _, r := range want.Rows {
			if r.Num <= last {
				t.Fatalf("row %d after %d", r.Num, last)
			}
			if len(r.Cells) == 0 || r.Cells[len(r.Cells)-1] == "" {
				t.Fatalf("row %d: trailing empty cell or no cells: %q", r.Num, r.Cells)
			}
			last = r.Num
		}
	})
}

func FuzzOpen(f *testing.F) {
	for _, name := range []string{"handmade.xls", "medical.xls", "medical.xlsx"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	// The bad-input corpus of the pipeline's tests (the small files).
	if bad, _ := filepath.Glob(filepath.Join("..", "testdata", "bad", "*.*")); len(bad) > 0 {
		for _, p := range bad {
			if b, err := os.ReadFile(p); err == nil && len(b) < 16<<10 && filepath.Ext(p) != ".go" && filepath.Ext(p) != ".tsv" {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("<table><tr><td colspan=3>a</td><td rowspan=2>b</td></tr><tr><td>c</td></tr></table>"))
	f.Add([]byte("a,b\n1,2\n"))
	f.Add(magicOLE)
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		for _, ext := range []string{".csv", ".xlsx", ".xlsm", ".xls"} {
			p := filepath.Join(dir, "f"+ext)
			if err := os.WriteFile(p, data, 0o600); err != nil {
				t.Fatal(err)
			}
			wb, err := Open(p)
			if err != nil {
				if _, ok := err.(*FileError); !ok {
					t.Fatalf("%s: error %T %v is not a *FileError", ext, err, err)
				}
				continue
			}
			for _, s := range wb.Sheets() {
				last := 0
				wb.Rows(context.Background(), s, func(num int, cells []string) error {
					if num <= last {
						t.Fatalf("%s: row %d after %d", ext, num, last)
					}
					last = num
					return nil
				})
			}
			wb.Close()
		}
	})
}

func BenchmarkCSV(b *testing.B) {
	p := filepath.Join(b.TempDir(), "bench.csv")
	fh, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	fh.WriteString("\xEF\xBB\xBF序号,乡镇,村,姓名,身份证号,补贴项目,发放金额,发放日期,发放状态,流水号\r\n")
	for i := range 50000 {
		fh.WriteString("1,保康镇,白音哈达嘎查,额尔德木图·吉日嘎拉,150502194904138864,城乡居民基础养老金,188.00,2022-04-10,已发放,YKT20220400102049\r\n")
		_ = i
	}
	fh.Close()
	benchRead(b, p, 50001)
}

func BenchmarkXLSX(b *testing.B) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"序号", "乡镇", "村", "姓名", "身份证号", "补贴项目", "发放金额", "发放日期", "发放状态", "流水号"})
	for i := 2; i <= 50001; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, []any{i, "保康镇", "白音哈达嘎查", "额尔德木图·吉日嘎拉", "150502194904138864", "城乡居民基础养老金", 188.5, 44661, "已发放", "YKT20220400102049"})
	}
	sw.Flush()
	p := filepath.Join(b.TempDir(), "bench.xlsx")
	if err := f.SaveAs(p); err != nil {
		b.Fatal(err)
	}
	benchRead(b, p, 50001)
}

func benchRead(b *testing.B, p string, wantRows int) {
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		wb, err := Open(p)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, s := range wb.Sheets() {
			if err := wb.Rows(context.Background(), s, func(int, []string) error { n++; return nil }); err != nil {
				b.Fatal(err)
			}
		}
		wb.Close()
		if n != wantRows {
			b.Fatalf("%d rows", n)
		}
	}
}
