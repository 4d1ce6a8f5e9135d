package fastxlsx

import (
	"archive/zip"
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const (
	benchRows = 100_000
	benchCols = 30
)

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchWorkbook returns the path of a 100k-row × 30-column workbook laid
// out the way Excel writes one: a header row, shared strings (unique IDs,
// ID-card numbers as text, names and villages from small pools), integers,
// decimals, dates with a number format, a formula column with cached
// values and some empty cells. It is generated once into the temp dir
// (never into the repository) and reused across runs.
func benchWorkbook(b *testing.B) string {
	benchOnce.Do(func() {
		benchPath = filepath.Join(os.TempDir(), "paicha-fastxlsx-bench-v1.xlsx")
		if _, err := os.Stat(benchPath); err == nil {
			return
		}
		benchErr = writeBenchWorkbook(benchPath + ".tmp")
		if benchErr == nil {
			benchErr = os.Rename(benchPath+".tmp", benchPath)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

func writeBenchWorkbook(path string) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	// Shared strings: collected while writing the sheet.
	var strs []string
	index := map[string]int{}
	ss := func(s string) int {
		if i, ok := index[s]; ok {
			return i
		}
		index[s] = len(strs)
		strs = append(strs, s)
		return len(strs) - 1
	}
	names := []string{"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴霞", "巴特尔", "乌云其其格"}
	villages := []string{"白音哈达嘎查", "那仁塔拉嘎查", "巴彦吐嘎查", "新发村", "保康镇", "白兴吐苏木"}
	cats := []string{"脱贫户", "监测户", "一般户", "低保户", "特困户"}
	colName := func(c int) string { n, _ := excelize.ColumnNumberToName(c + 1); return n }

	f, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	w.WriteString(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1:AD100001"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`)
	w.WriteString(`<row r="1" spans="1:30">`)
	for c := 0; c < benchCols; c++ {
		fmt.Fprintf(w, `<c r="%s1" t="s"><v>%d</v></c>`, colName(c), ss(fmt.Sprintf("字段%02d", c)))
	}
	w.WriteString(`</row>`)
	for r := 2; r <= benchRows+1; r++ {
		fmt.Fprintf(w, `<row r="%d" spans="1:30">`, r)
		for c := 0; c < benchCols; c++ {
			ref := colName(c) + fmt.Sprint(r)
			switch {
			case c == 0:
				fmt.Fprintf(w, `<c r="%s" t="s"><v>%d</v></c>`, ref, ss(fmt.Sprintf("HH%08d", r)))
			case c == 1:
				fmt.Fprintf(w, `<c r="%s" t="s"><v>%d</v></c>`, ref, ss(fmt.Sprintf("1522%02d19%02d%02d%02d%04d", r%30, 50+r%50, 1+r%12, 1+r%28, r%10000)))
			case c == 2:
				fmt.Fprintf(w, `<c r="%s" t="s"><v>%d</v></c>`, ref, ss(names[r%len(names)]))
			case c == 3:
				fmt.Fprintf(w, `<c r="%s" t="s"><v>%d</v></c>`, ref, ss(villages[r%len(villages)]))
			case c < 10:
				fmt.Fprintf(w, `<c r="%s" s="1" t="s"><v>%d</v></c>`, ref, ss(cats[(r+c)%len(cats)]))
			case c < 18:
				fmt.Fprintf(w, `<c r="%s"><v>%d</v></c>`, ref, (r*31+c*7)%100000)
			case c < 24:
				fmt.Fprintf(w, `<c r="%s" s="2"><v>%d.%02d</v></c>`, ref, (r*17+c)%50000, (r+c)%100)
			case c < 27:
				fmt.Fprintf(w, `<c r="%s" s="3"><v>%d</v></c>`, ref, 43000+(r+c)%2000)
			case c == 27:
				fmt.Fprintf(w, `<c r="%s"><f>K%d+L%d</f><v>%d</v></c>`, ref, r, r, (r*31+70)%100000+(r*31+77)%100000)
			case c == 28:
				if r%3 != 0 {
					fmt.Fprintf(w, `<c r="%s" t="s"><v>%d</v></c>`, ref, ss(fmt.Sprintf("备注%d", r%50)))
				}
			default:
				if r%7 == 0 {
					fmt.Fprintf(w, `<c r="%s" t="b"><v>1</v></c>`, ref)
				}
			}
		}
		w.WriteString(`</row>`)
	}
	w.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if err := w.Flush(); err != nil {
		return err
	}
	f, _ = zw.Create("xl/sharedStrings.xml")
	w = bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="%s" count="%d" uniqueCount="%d">`, nsMain, len(strs), len(strs))
	for _, s := range strs {
		w.WriteString(`<si><t>` + s + `</t></si>`)
	}
	w.WriteString(`</sst>`)
	if err := w.Flush(); err != nil {
		return err
	}
	add := func(name, body string) {
		f, _ := zw.Create(name)
		f.Write([]byte(body))
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	add("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="`+nsMain+`"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`)
	if err := zw.Close(); err != nil {
		return err
	}
	return out.Close()
}

// cpuTime is the process's user+system CPU time: the machine is shared, so
// wall-clock rows/s is noisy; CPU per op is the steadier figure.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportRows(b *testing.B, rows int, cpu0 time.Duration) {
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func BenchmarkFastxlsx(b *testing.B) {
	p := benchWorkbook(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	rows := 0
	for i := 0; i < b.N; i++ {
		w, err := Open(p)
		if err != nil {
			b.Fatal(err)
		}
		err = w.Rows(context.Background(), "Data", func(num int, cells []string) error {
			rows++
			return nil
		})
		w.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, rows, cpu0)
}

func BenchmarkExcelizeRows(b *testing.B) {
	p := benchWorkbook(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	rows := 0
	for i := 0; i < b.N; i++ {
		f, err := excelize.OpenFile(p, excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		it, err := f.Rows("Data")
		if err != nil {
			b.Fatal(err)
		}
		for it.Next() {
			if _, err := it.Columns(excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
			rows++
		}
		it.Close()
		f.Close()
	}
	reportRows(b, rows, cpu0)
}

// TestBenchWorkbookEquivalence checks the benchmark workbook itself (slow:
// run with FASTXLSX_BIG=1).
func TestBenchWorkbookEquivalence(t *testing.T) {
	if os.Getenv("FASTXLSX_BIG") == "" {
		t.Skip("set FASTXLSX_BIG=1")
	}
	p := filepath.Join(t.TempDir(), "big.xlsx")
	if err := writeBenchWorkbook(p); err != nil {
		t.Fatal(err)
	}
	if n := compareFile(t, p); n != benchRows+1 {
		t.Fatalf("%d rows", n)
	}
}
