package fastxlsx

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// handCases are raw sheetData contents compared against excelize.
var handCases = map[string]string{
	"basic": `<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c><c r="C1" t="s"><v>1</v></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>4</v></c><c r="D2" t="s"><v>5</v></c><c r="E2" t="s"><v>6</v></c><c r="F2" t="s"><v>7</v></c><c r="G2" t="s"><v>8</v></c></row>`,
	"types": `<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1" t="str"><f>A1&amp;"x"</f><v>TRUEx</v></c>` +
		`<c r="E1" t="d"><v>2024-01-02T03:04:05Z</v></c><c r="F1" t="n"><v>1.5E-7</v></c><c r="G1" s="3"><v>45000.25</v></c><c r="H1" t="weird"><v>w</v></c></row>`,
	"inline": `<row r="1"><c r="A1" t="inlineStr"><is><t>inline &amp; plain</t></is></c>` +
		`<c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>ri</t></r><r><t xml:space="preserve">ch </t></r></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>x_x0009_y</t></is></c>` +
		`<c r="D1" t="inlineStr"><v>v-only</v></c>` +
		`<c r="E1" t="inlineStr"><is><t>a</t></is><is><t>b</t></is></c>` +
		`<c r="F1" t="inlineStr"><is><r><t>1</t></r></is><is><r><t>2</t></r></is></c>` +
		`<c r="G1"><is><t>not inline type</t></is><v>vv</v></c>` +
		`<c r="H1" t="inlineStr"><is/></c><c r="I1" t="inlineStr"><is><t/></is><v>ignored</v></c></row>`,
	"gaps-and-sparse": `<row r="1"><c r="C1"><v>c</v></c><c r="F1"><v>f</v></c></row><row r="2"/><row r="3"><c r="A3"/><c r="B3" s="1"/></row>` +
		`<row r="7"><c r="B7"><v>b7</v></c></row><row r="1000"><c r="Z1000"><v>z</v></c></row><row r="1001" spans="1:2"></row>`,
	"no-r": `<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row><c t="s"><v>0</v></c></row><row r="9"><c><v>x</v></c></row><row><c><v>y</v></c></row>`,
	"formula": `<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>""</f><v></v></c><c r="C1"><f>X</f></c><c r="D1" t="str"><f>"s"</f><v>s</v></c></row>` +
		`<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">B2</f><v>0</v></c><c r="B2"><f t="shared" si="0"/></c></row>` +
		`<row r="3"><c r="A3"><f aca="maybe">1</f><v>1</v></c><c r="B3"><v>b</v></c></row>`,
	"entities-and-ws": `<row r="1"><c r="A1" t="str"><v>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#x4E2D;&#25991; &#128512;</v></c>` +
		`<c r="B1" t="str"><v>line1` + "\r\n" + `line2` + "\r" + `line3` + "\n" + `x</v></c>` +
		`<c r="C1" t="str"><v>  spaced  </v></c><c r="D1" t="str"><v><![CDATA[<cdata> & stuff]]></v></c>` +
		`<c r="E1" t="str"><v>pre<!-- comment -->post</v></c><c r="F1" t="str"><v>_x0041_ raw</v></c>` +
		`<c r="G1" t="str"><v>a<x>nested</x>b</v></c><c r="H1" t="str"><v>1</v><v>2</v></c></row>`,
	"sst-index": `<row r="1"><c r="A1" t="s"><v> 1 </v></c><c r="B1" t="s"><v>abc</v></c><c r="C1" t="s"><v>99</v></c><c r="D1" t="s"><v>-1</v></c><c r="E1" t="s"><v></v></c><c r="F1" t="s"><v>+2</v></c><c r="G1" t="s"/></row>`,
	"attrs":     `<row r = '1' ><c r='A1' t = "s" ><v>0</v></c><c t="s" r="B1"><v>1</v></c><c r="c1"><v>lower</v></c><c r="$D$1"><v>abs</v></c></row>`,
	// The inline strings fastInline takes straight from the buffer, and the
	// near misses it must leave to the general path.
	"inline-fast": `<row r="1"><c r="A1" t="inlineStr"><is><t>a&lt;b</t></is></c><c r="B1" t="inlineStr"><is><t>ab</t></is><v>zz</v></c>` +
		`<c r="C1" t="inlineStr"><is><t>_x0041_</t></is></c><c r="D1" t="inlineStr"><is><t>line&#13;&#10;two` + "\r\n" + `three</t></is></c>` +
		`<c r="E1" t="inlineStr"><is><t xml:space="preserve"> sp </t></is></c><c r="F1" t="inlineStr"><is><t></t></is></c></row>`,
	"namespaced":      `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>ns inline</x:t></x:is></x:c></x:row>`,
	"out-of-order":    `<row r="5"><c r="A5"><v>a5</v></c></row><row r="3"><c r="B3"><v>b3</v></c></row><row r="6"><c r="C6"><v>c6</v></c><c r="A6"><v>a6</v></c><c r="C6"><v>dup</v></c></row><row r="6"><c r="D6"><v>d6</v></c></row>`,
	"comments-pi":     `<!-- c --><row r="1"><?pi x?><c r="A1"><v>1</v></c><!-- <row r="2"><c r="A2"><v>no</v></c></row> --></row>`,
	"after-sheetdata": `<row r="1"><c r="A1"><v>1</v></c></row></sheetData><sheetData><row r="2"><c r="A2"><v>2</v></c></row>`,
	"row-max":         `<row r="1"><c r="A1"><v>1</v></c></row><row r="1048577"><c r="A1048577"><v>2</v></c></row>`,
	"bad-cellref":     `<row r="1"><c r="1A"><v>1</v></c></row>`,
	"bad-s":           `<row r="1"><c r="A1" s="x" t="s"><v>0</v></c><c r="B1"><v>b</v></c></row>`,
	"xfd":             `<row r="1"><c r="XFD1"><v>last</v></c></row>`,
	"col-too-far":     `<row r="1"><c r="XFE1"><v>x</v></c></row>`,
	"empty-string":    `<row r="1"><c r="A1" t="str"><v></v></c><c r="B1" t="inlineStr"><is><t></t></is></c></row><row r="2"><c r="A2" t="s"><v>5</v></c></row>`,
}

func TestHandcrafted(t *testing.T) {
	for name, rows := range handCases {
		t.Run(name, func(t *testing.T) {
			data := buildWorkbook(wrapSheet(rows), testSST)
			xerr, ferr, diff := compareBytes(data)
			if (xerr != nil) != (ferr != nil) {
				t.Fatalf("excelize err %v, fastxlsx err %v", xerr, ferr)
			}
			if diff != "" {
				t.Fatal(diff)
			}
		})
	}
}

// TestHandcraftedValues pins a few exact values so that a regression in
// both readers would still be caught.
func TestHandcraftedValues(t *testing.T) {
	data := buildWorkbook(wrapSheet(handCases["basic"]+`<row r="3"><c r="A3" t="b"><v>1</v></c><c r="C3" t="s"><v>4</v></c></row>`), testSST)
	w, err := OpenReaderAt(strings.NewReader(string(data)), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := fastSeq(w, "Data")
	if err != nil {
		t.Fatal(err)
	}
	want := []rowRec{
		{1, []string{"zero", "42", " one & <1> "}},
		{2, []string{"rich text", "中文 😀", "esc\r\n lit_x0041_ x", "", "last t wins", "head-r1br2", "cdata <x> &amp;"}},
		{3, []string{"1", "", "esc\r\n lit_x0041_ x"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

// TestGenerated builds workbooks with excelize (normal API and
// StreamWriter) and compares.
func TestGenerated(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "gen.xlsx")
	f := excelize.NewFile()
	sh := "Sheet1"
	long := strings.Repeat("长文本long", 3000) // 24k chars
	// Excel's longest text, 98 KB: more than a sheet's buffer holds at first.
	longest := strings.Repeat("长", 32767)
	vals := map[string]any{
		"A1": "shared", "B1": "shared", "C1": 123, "D1": 3.14159, "E1": -0.5, "F1": 1e20, "G1": true, "H1": false,
		"A2": "&<>\"'", "B2": "中文", "C2": "emoji 😀👍", "D2": "tab\there", "E2": "ctl\x08char", "F2": "_x0041_ literal", "G2": "line\r\nbreak", "H2": "  lead/trail  ",
		"A3": time.Date(2024, 3, 15, 10, 30, 0, 0, time.UTC), "B3": 12345678901234567, "C3": "001234", "D3": "", "F3": "after gap",
		"A5": long, "Z5": "far", "B8": longest,
		"C100": "sparse",
	}
	for cell, v := range vals {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellRichText(sh, "A6", []excelize.RichTextRun{{Text: "bold ", Font: &excelize.Font{Bold: true, Size: 12, Color: "FF0000"}}, {Text: "normal"}}); err != nil {
		t.Fatal(err)
	}
	f.SetCellFormula(sh, "B6", "C1*2")
	f.SetCellFormula(sh, "C6", `"x"&A1`)
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sh, "A3", "A3", style)
	f.SetCellStyle(sh, "D7", "D7", style) // styled empty cell

	// Second sheet through the StreamWriter.
	f.NewSheet("Stream")
	sw, err := f.NewStreamWriter("Stream")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 300; r++ {
		row := []any{
			fmt.Sprintf("ID%06d", r), r, float64(r) / 7, r%2 == 0, nil, "县" + fmt.Sprint(r%5),
			excelize.Cell{Formula: "B1*2", Value: r * 2}, excelize.Cell{Value: "cell&<" + fmt.Sprint(r)},
		}
		if r%10 == 0 {
			row = append(row, nil, nil, "tail")
		}
		if r == 151 {
			row = append(row, longest)
		}
		cell, _ := excelize.CoordinatesToCellName(1, r*2) // every other row
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if n := compareFile(t, p); n < 300 {
		t.Fatalf("only %d rows compared", n)
	}
	// Spot-check values that must come back exactly.
	w, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	got, _ := fastSeq(w, "Sheet1")
	if got[0].Num != 1 || got[0].Cells[0] != "shared" || got[0].Cells[6] != "1" {
		t.Errorf("row 1 = %q", got[0].Cells)
	}
	// (excelize's writer turns \x08 into U+FFFD and stores "_x0041_" unescaped,
	// so it reads back as "A".)
	if got[1].Cells[0] != "&<>\"'" || got[1].Cells[2] != "emoji 😀👍" || got[1].Cells[6] != "line\r\nbreak" {
		t.Errorf("row 2 = %q", got[1].Cells)
	}
	for _, r := range got {
		if r.Num == 5 && r.Cells[0] != long {
			t.Errorf("long cell mismatch")
		}
		if r.Num == 8 && r.Cells[1] != longest {
			t.Errorf("row 8: the longest text came back as %d bytes, want %d", len(r.Cells[1]), len(longest))
		}
	}
	stream, _ := fastSeq(w, "Stream")
	found := false
	for _, r := range stream {
		if r.Num == 302 {
			found = len(r.Cells) == 9 && r.Cells[8] == longest
		}
	}
	if !found {
		t.Errorf("Stream row 302: the longest text did not come back whole")
	}
}

// TestEquivalenceFiles compares on every workbook under the shared
// conformance inputs and the test data.
func TestEquivalenceFiles(t *testing.T) {
	files := inputFiles(t)
	if len(files) == 0 {
		t.Skip("no input workbooks")
	}
	total := 0
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			n := compareFile(t, p)
			total += n
			t.Logf("%s: %d rows identical", p, n)
		})
	}
	t.Logf("%d files, %d rows", len(files), total)
}

func TestLimitsAndErrors(t *testing.T) {
	data := buildWorkbook(wrapSheet(`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>`), nil)
	w, err := OpenReaderAt(strings.NewReader(string(data)), int64(len(data)), Options{MaxColumns: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fastSeq(w, "Data"); !errors.Is(err, ErrTooManyCols) {
		t.Errorf("max columns: %v", err)
	}
	if _, err := fastSeq(w, "Nope"); !errors.Is(err, ErrSheetNotFound) {
		t.Errorf("missing sheet: %v", err)
	}
	w, err = OpenReaderAt(strings.NewReader(string(data)), int64(len(data)), Options{MaxPartSize: 300})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fastSeq(w, "Data"); !errors.Is(err, ErrPartTooLarge) {
		t.Errorf("max part: %v", err)
	}
	// Cells without r beyond the column limit.
	many := strings.Repeat(`<c><v>1</v></c>`, maxColumns+1)
	data = buildWorkbook(wrapSheet(`<row>`+many+`</row>`), nil)
	w, _ = OpenReaderAt(strings.NewReader(string(data)), int64(len(data)), Options{})
	if _, err := fastSeq(w, "Data"); !errors.Is(err, ErrTooManyCols) {
		t.Errorf("too many cells: %v", err)
	}
	// Truncated and corrupt archives.
	for i := 0; i < len(data); i += len(data)/50 + 1 {
		cut := data[:i]
		if w, err := OpenReaderAt(strings.NewReader(string(cut)), int64(len(cut)), Options{}); err == nil {
			fastSeq(w, "Data")
		}
		bad := append([]byte(nil), data...)
		bad[i] ^= 0x55
		if w, err := OpenReaderAt(strings.NewReader(string(bad)), int64(len(bad)), Options{}); err == nil {
			fastSeq(w, "Data")
		}
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing.xlsx")); err == nil {
		t.Error("missing file: no error")
	}
	p := filepath.Join(t.TempDir(), "junk.xlsx")
	os.WriteFile(p, []byte("not a zip"), 0o644)
	if _, err := Open(p); !errors.Is(err, ErrNotWorkbook) {
		t.Errorf("junk: %v", err)
	}
}

func TestStopAndCancel(t *testing.T) {
	var sb strings.Builder
	for r := 1; r <= 5000; r++ {
		fmt.Fprintf(&sb, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
	}
	data := buildWorkbook(wrapSheet(sb.String()), nil)
	w, err := OpenReaderAt(strings.NewReader(string(data)), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	n := 0
	err = w.Rows(context.Background(), "Data", func(num int, cells []string) error {
		n++
		if num == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("stop: err=%v n=%d", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = w.Rows(ctx, "Data", func(num int, cells []string) error {
		n++
		if num == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > 1100 {
		t.Errorf("cancel: err=%v n=%d", err, n)
	}
}

// TestWriteTestdata regenerates the small committed workbooks in testdata/
// from handCases (run with FASTXLSX_WRITE_TESTDATA=1).
func TestWriteTestdata(t *testing.T) {
	if os.Getenv("FASTXLSX_WRITE_TESTDATA") == "" {
		t.Skip("set FASTXLSX_WRITE_TESTDATA=1")
	}
	files := map[string][]byte{
		"namespaced.xlsx": buildWorkbook(wrapSheet(handCases["namespaced"]), testSST),
		"edge_cases.xlsx": buildWorkbook(wrapSheet(handCases["out-of-order"]+handCases["comments-pi"]), testSST),
	}
	for i, name := range []string{"basic", "types", "inline", "gaps-and-sparse", "no-r", "formula", "entities-and-ws", "sst-index", "attrs"} {
		files[fmt.Sprintf("case_%02d_%s.xlsx", i, name)] = buildWorkbook(wrapSheet(handCases[name]), testSST)
	}
	os.MkdirAll("testdata", 0o755)
	for name, data := range files {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMarkLostDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"150521199010041000", "1.50521199010041E+17"},
		{"-1505211990100410000", "-1.50521199010041E+18"},
		{"123456789012345", "123456789012345"}, // 15 digits: exact in a double
		{"1103.95", "1103.95"},
		{"1.5052119901004102E+17", "1.5052119901004102E+17"},
		{"", ""},
	}
	for _, tc := range tests {
		arena := append([]byte("prefix"), tc.in...)
		if got := string(markLostDigits(arena, 6)[6:]); got != tc.want {
			t.Errorf("markLostDigits(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
