//go:build ignore

// gen writes the bad-input corpus of this folder (see CORPUS.tsv for what
// each file is and what paicha must do with it). Run from the repository
// root:
//
//	go run pipeline/testdata/bad/gen.go
//
// Every file is small on disk (the zip bomb, the 1 MB cell and the
// 16,384-column sheet are highly compressible). The rows that can be loaded
// carry IDs that no good file holds and dates before any income window, so
// adding these files to a run changes no candidate, verdict or discrepancy.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/paicha/paicha/pipeline/normalize"
)

const dir = "pipeline/testdata/bad"

// id is a valid 18-digit ID of a person in no good file (region 159999).
func id(n int) string {
	first := fmt.Sprintf("159999%s%03d", []string{"19800101", "19751231", "19900615", "19651010", "20000229"}[n%5], 100+n)
	return first + string(normalize.CheckChar(first))
}

const cardHeader = "姓名,身份证号,发放金额,发放日期,补贴项目"

func cardRow(n int) string {
	return fmt.Sprintf("测试%d,%s,%d.00,2019-0%d-15,耕地地力保护补贴", n, id(n), 100+n, 1+n%9)
}

func main() {
	write("truncated.xlsx", truncated())
	write("text_renamed.xlsx", []byte(cardHeader+"\n"+cardRow(1)+"\n"))
	write("password.xlsx", encrypted())
	write("zipbomb.xlsx", zipBomb())
	write("empty.csv", nil)
	write("header_only.csv", []byte("\xEF\xBB\xBF"+cardHeader+"\r\n"))
	write("no_header.xlsx", noHeader())
	write("medical_as_survey.csv", []byte("姓名,身份证号,结算日期,医疗总费用,合规自付,医疗机构\n"+
		fmt.Sprintf("测试2,%s,2019-03-02,1200.00,300.00,县医院\n测试3,%s,2019-04-09,800.00,0,县医院\n", id(2), id(3))))
	write("ragged.csv", []byte(cardHeader+"\n"+cardRow(4)+"\n"+
		fmt.Sprintf("测试5,%s,105.00\n", id(5))+ // short: no date
		cardRow(6)+",多出的单元格,又一个\n"+ // long: extra cells are ignored
		"测试7\n"))
	write("bare_quotes.csv", []byte(cardHeader+"\n"+
		fmt.Sprintf("测\"试8,%s,108.00,2019-02-15,耕地\"地力\"补贴\n", id(8))+ // bare quotes inside fields
		cardRow(9)+"\n"+
		fmt.Sprintf("测试10,%s,110.00,2019-03-15,\"耕地地力保护补贴\n", id(10))+ // quote never closed
		cardRow(11)+"\n"+cardRow(12)+"\n"))
	write("invalid_utf8.csv", []byte(cardHeader+"\n"+cardRow(13)+"\n"+
		fmt.Sprintf("测试\xff\xfe14,%s,114.00,2019-04-15,耕地地力保护补贴\n", id(14))+cardRow(15)+"\n"+cardRow(16)+"\n"))
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			log.Fatal(err)
		}
		return b
	}
	var g bytes.Buffer
	g.Write(gbk(cardHeader + "\r\n" + cardRow(17) + "\r\n"))
	g.Write(gbk("测试"))
	g.Write([]byte{0x81, 0x20, 0xFF}) // not GBK/GB18030
	g.Write(gbk(fmt.Sprintf("18,%s,118.00,2019-05-15,耕地地力保护补贴\r\n", id(18)) + cardRow(19) + "\r\n"))
	write("invalid_gbk.csv", g.Bytes())
	write("cell_1mb.xlsx", cell1MB())
	write("cols_16384.xlsx", cols16384())
	write("dup_headers.csv", []byte(cardHeader+",身份证号\n"+cardRow(22)+","+id(22)+"\n"+
		fmt.Sprintf("测试23,,123.00,2019-06-15,耕地地力保护补贴,%s\n", id(23))))
	write("html_export.xls", htmlExport())
	write("formula_cached.xlsx", formulas(true))
	write("formula_no_cache.xlsx", formulas(false))
}

func write(name string, data []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%-24s %8d bytes\n", name, len(data))
}

func cardWorkbook() []byte {
	f := excelize.NewFile()
	for r, line := range []string{cardHeader, cardRow(20), cardRow(21)} {
		for c, v := range strings.Split(line, ",") {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func truncated() []byte {
	b := cardWorkbook()
	return b[:len(b)*2/3]
}

func encrypted() []byte {
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "户编号")
	f.SetCellStr("Sheet1", "B1", "身份证号")
	var b bytes.Buffer
	if err := f.Write(&b, excelize.Options{Password: "123456"}); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// xlsx builds a minimal workbook with one sheet whose XML is written by body.
func xlsx(body func(w io.Writer)) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	part := func(name string, fill func(w io.Writer)) {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			log.Fatal(err)
		}
		fill(w)
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	part("[Content_Types].xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`))
	part("_rels/.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	part("xl/_rels/workbook.xml.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`))
	part("xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		body(w)
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	if err := z.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// row writes one row of inline strings.
func row(w io.Writer, r int, cells ...string) {
	fmt.Fprintf(w, `<row r="%d">`, r)
	for c, v := range cells {
		name, _ := excelize.CoordinatesToCellName(c+1, r)
		fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, name, esc(v))
	}
	io.WriteString(w, `</row>`)
}

// zipBomb: a card sheet whose XML unpacks to 200 MB (whitespace between
// rows), about 200 KB packed.
func zipBomb() []byte {
	return xlsx(func(w io.Writer) {
		row(w, 1, strings.Split(cardHeader, ",")...)
		row(w, 2, strings.Split(cardRow(24), ",")...)
		pad := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i < 200; i++ {
			w.Write(pad)
		}
	})
}

func noHeader() []byte {
	return xlsx(func(w io.Writer) {
		row(w, 1, "2019年度资金发放情况说明")
		row(w, 2, "一、本表由财政局提供，仅供参考。")
		row(w, 3, "项目", "户数", "合计")
		row(w, 4, "耕地地力保护补贴", "120", "35600.00")
	})
}

// cell1MB: a card sheet one of whose rows has a 1 MB 补贴项目 cell (Excel
// allows 32,767 characters).
func cell1MB() []byte {
	return xlsx(func(w io.Writer) {
		row(w, 1, strings.Split(cardHeader, ",")...)
		row(w, 2, strings.Split(cardRow(25), ",")...)
		cells := strings.Split(cardRow(26), ",")
		cells[4] = strings.Repeat("补", 1<<20/3)
		row(w, 3, cells...)
		row(w, 4, strings.Split(cardRow(27), ",")...)
	})
}

// cols16384: a card sheet as wide as Excel allows (A … XFD).
func cols16384() []byte {
	const cols = 16384
	return xlsx(func(w io.Writer) {
		for r, line := range []string{cardHeader, cardRow(28), cardRow(29)} {
			fmt.Fprintf(w, `<row r="%d">`, r+1)
			cells := strings.Split(line, ",")
			for c := 0; c < cols; c++ {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch {
				case c < len(cells):
					fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, name, cells[c])
				case r == 0:
					fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>备注</t></is></c>`, name)
				default:
					fmt.Fprintf(w, `<c r="%s"><v>0</v></c>`, name)
				}
			}
			io.WriteString(w, `</row>`)
		}
	})
}

// htmlExport: what many web systems call an Excel export: an HTML table in
// GBK, named .xls.
func htmlExport() []byte {
	var b strings.Builder
	b.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table border="1">`)
	b.WriteString(`<tr><td colspan="5">一卡通发放明细（导出）</td></tr><tr>`)
	for _, h := range strings.Split(cardHeader, ",") {
		b.WriteString("<th>" + h + "</th>")
	}
	b.WriteString("</tr>")
	for _, n := range []int{30, 31} {
		b.WriteString("<tr>")
		for i, v := range strings.Split(cardRow(n), ",") {
			if i == 1 {
				b.WriteString(`<td style="mso-number-format:'\@'">` + v + "</td>")
			} else {
				b.WriteString("<td>" + v + "</td>")
			}
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table></body></html>\n")
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		log.Fatal(err)
	}
	return out
}

// formulas: a card sheet whose 发放金额 are formulas (=100+n). With cached
// values (as Excel and WPS save them, an empty-string result included) they
// are read as those values; without (as programs that do not calculate
// write them) the file cannot be read in full: formulas are never evaluated
// (SPEC §8).
func formulas(cached bool) []byte {
	return xlsx(func(w io.Writer) {
		row(w, 1, strings.Split(cardHeader, ",")...)
		for r, n := range []int{30, 31} {
			cells := strings.Split(cardRow(n), ",")
			fmt.Fprintf(w, `<row r="%d">`, r+2)
			for c, v := range cells {
				name, _ := excelize.CoordinatesToCellName(c+1, r+2)
				switch {
				case c == 2 && cached:
					fmt.Fprintf(w, `<c r="%s"><f>%d+%d</f><v>%s</v></c>`, name, 100, n, strings.TrimSuffix(v, ".00"))
				case c == 2:
					fmt.Fprintf(w, `<c r="%s"><f>%d+%d</f></c>`, name, 100, n)
				default:
					fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, name, esc(v))
				}
			}
			if cached {
				fmt.Fprintf(w, `<c r="F%d" t="str"><f>""</f><v></v></c>`, r+2)
			}
			io.WriteString(w, `</row>`)
		}
	})
}
