package fastxlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

type rowRec struct {
	Num   int
	Cells []string
}

// excelizeSeq is the reference: excelize's streaming iterator with raw
// values; num is the iterator's row counter, rows without cells left out.
func excelizeSeq(f *excelize.File, sheet string) (seq []rowRec, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return seq, err
		}
		if len(cols) > 0 {
			seq = append(seq, rowRec{n, cols})
		}
	}
	return seq, rows.Error()
}

func fastSeq(w *Workbook, sheet string) (seq []rowRec, err error) {
	err = w.Rows(context.Background(), sheet, func(num int, cells []string) error {
		seq = append(seq, rowRec{num, append([]string(nil), cells...)})
		return nil
	})
	return seq, err
}

// diffSeq describes the first difference between two sequences.
func diffSeq(want, got []rowRec) string {
	for i := 0; i < len(want) && i < len(got); i++ {
		if !reflect.DeepEqual(want[i], got[i]) {
			return fmt.Sprintf("row #%d: excelize %d %q\n               fastxlsx %d %q", i, want[i].Num, want[i].Cells, got[i].Num, got[i].Cells)
		}
	}
	if len(want) != len(got) {
		return fmt.Sprintf("excelize %d rows, fastxlsx %d rows", len(want), len(got))
	}
	return ""
}

// compareFile asserts identical sequences for every sheet of a file.
func compareFile(t *testing.T, path string) (rows int) {
	t.Helper()
	xf, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("excelize open: %v", err)
	}
	defer xf.Close()
	w, err := Open(path)
	if err != nil {
		t.Fatalf("fastxlsx open: %v", err)
	}
	defer w.Close()
	if got, want := w.Sheets(), xf.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets: got %q want %q", got, want)
	}
	for _, sh := range w.Sheets() {
		want, werr := excelizeSeq(xf, sh)
		got, gerr := fastSeq(w, sh)
		if (werr != nil) != (gerr != nil) {
			t.Errorf("%s: excelize err %v, fastxlsx err %v", sh, werr, gerr)
			continue
		}
		if d := diffSeq(want, got); d != "" {
			t.Errorf("%s: %s", sh, d)
		}
		rows += len(got)
	}
	return rows
}

const (
	nsMain = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
	nsRel  = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
)

// buildWorkbook makes a minimal one-sheet workbook around raw sheet XML
// (and an optional raw shared-strings part).
func buildWorkbook(sheetXML, sstXML []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		f, _ := zw.Create(name)
		f.Write([]byte(body))
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sstXML != nil {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`)
	f, _ := zw.Create("xl/worksheets/sheet1.xml")
	f.Write(sheetXML)
	if sstXML != nil {
		f, _ := zw.Create("xl/sharedStrings.xml")
		f.Write(sstXML)
	}
	zw.Close()
	return buf.Bytes()
}

// wrapSheet puts sheetData content into a worksheet document.
func wrapSheet(rows string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1"/><sheetData>` + rows + `</sheetData><pageMargins left="0.7"/></worksheet>`)
}

// testSST is the shared-string table used by handcrafted and fuzz cases.
var testSST = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="` + nsMain + `" count="9" uniqueCount="9">` +
	`<si><t>zero</t></si>` +
	`<si><t xml:space="preserve"> one &amp; &lt;1&gt; </t></si>` +
	`<si><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r></si>` +
	`<si><t>中文 😀</t><rPh><t>phonetic</t></rPh></si>` +
	`<si><t>esc_x000D__x000A_ lit_x005F_x0041_ _xD800_x</t></si>` +
	`<si><t/></si>` +
	`<si><t>a</t><t>last t wins</t></si>` +
	`<si><t>head-</t><r><t>r1</t><t>r1b</t></r><r><t>r2</t></r></si>` +
	`<si><t><![CDATA[cdata <x> &amp;]]></t></si>` +
	`</sst>`)

// compareBytes compares both readers on an in-memory workbook. It returns
// the excelize error (nil when excelize read the sheet), whether both
// agreed, and a description of the difference.
func compareBytes(data []byte) (xerr, ferr error, diff string) {
	want, xerr := func() ([]rowRec, error) {
		xf, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		defer xf.Close()
		return excelizeSeq(xf, "Data")
	}()
	w, ferr := OpenReaderAt(bytes.NewReader(data), int64(len(data)), Options{})
	var got []rowRec
	if ferr == nil {
		got, ferr = fastSeq(w, "Data")
		w.Close()
	}
	if xerr == nil && ferr == nil {
		diff = diffSeq(want, got)
	}
	return xerr, ferr, diff
}

// inputFiles lists the workbooks used for the equivalence test.
func inputFiles(t *testing.T) []string {
	var files []string
	for _, root := range []string{"/work/shared/conformance/inputs", "testdata", "../testdata"} {
		if _, err := os.Stat(root); err != nil {
			continue
		}
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				ext := strings.ToLower(filepath.Ext(p))
				if ext == ".xlsx" || ext == ".xlsm" {
					files = append(files, p)
				}
			}
			return nil
		})
	}
	return files
}
