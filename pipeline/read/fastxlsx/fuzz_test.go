package fastxlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"sort"
	"testing"
)

// wellFormed reports whether encoding/xml (as used by excelize) reads the
// whole document without a syntax error. excelize stops silently at a
// syntax error, while fastxlsx (which does not validate) reads on, so
// outputs are only comparable for well-formed documents.
func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// typedHazard reports attributes inside <is> on elements other than <t>:
// excelize decodes those into typed fields (run properties, phonetic runs)
// and silently abandons the cell when a value does not parse; fastxlsx
// does not model that.
func typedHazard(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	inIs := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if inIs > 0 {
				inIs++
				if t.Name.Local != "t" && len(t.Attr) > 0 {
					return true
				}
			} else if t.Name.Local == "is" {
				inIs = 1
			}
		case xml.EndElement:
			if inIs > 0 {
				inIs--
			}
		}
	}
}

func fuzzSeeds() [][]byte {
	keys := make([]string, 0, len(handCases))
	for k := range handCases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var seeds [][]byte
	for _, k := range keys {
		seeds = append(seeds, wrapSheet(handCases[k]))
	}
	seeds = append(seeds,
		[]byte(`<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>`),
		[]byte(`<x:worksheet xmlns:x="`+nsMain+`"><x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`),
		[]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>a_x0042_</t></r><rPh><t>p</t></rPh></is></c></row></sheetData></worksheet>`),
		[]byte(`<worksheet><sheetData><row r="3"><c r="C3"><f>1</f><v>2</v></c><c><v>&#x41;&amp;</v></c></row><row r="2"><c r="A2"><v>back</v></c></row></sheetData></worksheet>`),
		[]byte("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\r\nb<![CDATA[\r]]></v></c></row></sheetData></worksheet>"),
		[]byte(`<worksheet><sheetData><row r="1"><c r="A1"><x><v>deep</v></x></c><c r="B1"><c><v>inner</v></c><v>outer</v></c></row></sheetData></worksheet>`),
	)
	return seeds
}

// FuzzSheetXML feeds arbitrary bytes as the worksheet XML of a minimal
// workbook. fastxlsx must never panic; when the XML is well-formed and
// excelize reads it without error, the outputs must be identical.
func FuzzSheetXML(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheet []byte) {
		if len(sheet) > 1<<16 {
			return
		}
		data := buildWorkbook(sheet, testSST)
		if !wellFormed(sheet) || typedHazard(sheet) || bigNumber(sheet) {
			// Not comparable (or too slow for excelize, which steps
			// through every missing row): only check for panics.
			if w, err := OpenReaderAt(bytes.NewReader(data), int64(len(data)), Options{}); err == nil {
				fastSeq(w, "Data")
			}
			return
		}
		xerr, ferr, diff := compareBytes(data)
		if errors.Is(ferr, ErrTooManyCols) {
			return // deliberate limit; excelize has none for cells without r
		}
		if xerr == nil && ferr != nil {
			t.Fatalf("excelize read it, fastxlsx failed: %v", ferr)
		}
		if xerr != nil && ferr == nil {
			t.Fatalf("excelize failed (%v), fastxlsx did not", xerr)
		}
		if diff != "" {
			t.Fatalf("outputs differ: %s", diff)
		}
	})
}

// TestFuzzSeeds runs the fuzz seeds (and anything in testdata/fuzz) as a
// plain test.
func TestFuzzSeedsWellFormed(t *testing.T) {
	for i, s := range fuzzSeeds() {
		if !wellFormed(s) {
			t.Errorf("seed %d is not well-formed", i)
		}
	}
}

// bigNumber reports a run of 5 or more digits: a row number that would make
// excelize's iterator step through tens of thousands of empty rows.
func bigNumber(b []byte) bool {
	run := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			run++
			if run >= 5 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
