// Package write writes the outputs of one paicha run (SPEC §6, §7): the CSV
// lists, report.xlsx, one workbook per township, the public-notice workbooks
// and verbatim extra files, into a fresh 0700 folder that is swapped into
// place atomically.
//
// The package knows nothing about the rules: it receives every list as
// already formatted, already sorted rows through a callback, and streams
// them straight to disk (no list is ever held in memory).
//
// CSV files are UTF-8 with a BOM, LF line endings (encoding/csv with
// UseCRLF=false; Excel and WPS read LF files without complaint and LF keeps the
// files diff-friendly) and RFC 4180 quoting. Field values are written exactly
// as given, but for a cell that could run as a formula, which gets a leading '
// (safe.go), so identical rows give byte-identical files.
package write

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Kind says how a column is written into workbooks. CSV files get the row
// text (formula-safe, safe.go).
type Kind int

const (
	// Text is a plain text cell.
	Text Kind = iota
	// Code is a non-personal identifier such as 户编号: a text cell with the
	// text number format "@".
	Code
	// ID is a resident ID number: a text cell with number format "@" (also on
	// the whole column, so an edited or newly typed cell stays text). The
	// public notices (Notices) mask theirs.
	ID
	// Money is decimal text such as "1234.56" or "-0.50": a numeric cell with
	// format "0.00". "" stays empty; text that is not a plain decimal is
	// written as a text cell rather than lost.
	Money
	// Int is integer text such as "3": a numeric cell with format "0".
	Int
	// Date is "2022-05-01": a date cell formatted yyyy-mm-dd. "" stays empty;
	// other text is written as a text cell.
	Date
)

// Column describes one column of a list.
type Column struct {
	Name  string
	Kind  Kind
	Width float64 // 0 = chosen from the header, the Kind and the first rows
	// Wrap wraps long text within the column's width (a ledger printed and
	// written on by hand), instead of running on into the next columns.
	Wrap bool
	// Hidden columns route rows (a 乡镇 that every row of a township's
	// workbook shares) and are written to CSV but into no workbook sheet.
	Hidden bool
}

// List is one output list (candidates, elimination, discrepancies, rejects).
type List struct {
	File        string // CSV file name, e.g. "candidates.csv" ("" = no CSV)
	Sheet       string // sheet name in workbooks (sanitised to Excel's rules)
	Columns     []Column
	InTownships bool   // also goes into townships/<乡镇>.xlsx, filtered to that township
	NotInReport bool   // left out of report.xlsx (a township's own sheet, such as the 问题整改台账)
	Numbered    bool   // sheets start with a 序号 column, counting the list's rows from 1
	CountBy     string // column whose values the 汇总 sheet counts per 乡镇 and 村 ("" = not counted)

	// CountValues optionally fixes the 汇总 columns for CountBy, in this
	// order, even where a value does not occur (so every township workbook has
	// the same columns); values not listed follow in sorted order.
	CountValues []string
	// CountLabel prefixes the 汇总 column headers ("候选" → "候选:脱贫不稳定户");
	// "" = Sheet.
	CountLabel string
	// Rows streams the rows (len(row) == len(Columns)), already in output
	// order, already formatted; each township workbook gets the rows whose
	// "乡镇" column names it, in that order. The slice may be reused after
	// yield returns. Rows must stop and return the error when yield returns
	// one.
	Rows func(ctx context.Context, yield func(row []string) error) error
}

// Formats selects the output formats.
type Formats struct{ CSV, XLSX bool }

// Output is everything one run writes.
type Output struct {
	Dir       string // the --out folder
	Formats   Formats
	Lists     []List
	Townships []string          // one township workbook each
	Notices   *Notices          // public/<乡镇>/<村>-公示.xlsx (nil = none); with the workbooks only
	Files     map[string][]byte // extra files written verbatim into Dir; always written
}

// Well-known column names.
const (
	colTownship = "乡镇"
	colVillage  = "村"
)

// Output file and folder names.
const (
	ReportFile   = "report.xlsx"
	TownshipsDir = "townships"
	PublicDir    = "public"
)

// Write writes everything into a fresh temporary folder beside o.Dir (same
// parent, named ".<base>.tmp-<pid>-<random>"), folder 0700 and files 0600,
// fsyncs, then swaps it into place atomically and removes the old contents.
// On any error or ctx cancellation the temporary folder is removed and o.Dir
// is left exactly as it was. Before starting it removes stale temporary
// folders of processes that no longer run.
func Write(ctx context.Context, o Output) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := validate(&o); err != nil {
		return err
	}
	dir, err := targetDir(o.Dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	cleanStale(parent, base)

	tmp, err := os.MkdirTemp(parent, tmpPrefix(base)+fmt.Sprint(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("write: create temporary output folder: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err = os.Chmod(tmp, 0o700); err != nil {
		return err
	}
	if err = writeAll(ctx, tmp, &o); err != nil {
		return err
	}
	if err = syncDir(tmp); err != nil {
		return err
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	return swapIn(tmp, dir, parent, base)
}

func writeAll(ctx context.Context, tmp string, o *Output) error {
	// One pass over the lists writes the CSV files, feeds report.xlsx as it
	// goes and spools the rows of each township workbook, which are built
	// afterwards, a worker per core (books.go). The spools, and the
	// temporary files excelize spills large sheets to, are personal data:
	// they stay inside our 0700 folder and are removed before the swap.
	scratch := filepath.Join(tmp, ".scratch")
	var report *pipeRows
	var reportErr error
	var reportDone sync.WaitGroup
	var jobs []*bookJob
	var towns map[string]*bookJob
	var dirs []string
	if o.Formats.XLSX {
		if err := os.Mkdir(scratch, 0o700); err != nil {
			return err
		}
		if len(o.Townships) > 0 {
			var err error
			if jobs, towns, dirs, err = townshipJobs(tmp, scratch, o); err != nil {
				return err
			}
		}
		report = newPipeRows()
		reportDone.Go(func() {
			reportErr = buildReport(o, report, scratch, filepath.Join(tmp, ReportFile))
			report.drain()
		})
	}
	listsErr := writeLists(ctx, tmp, o, report, towns)
	if report != nil {
		close(report.in)
	}
	var booksErr, noticesErr error
	if listsErr == nil {
		booksErr = buildBooks(ctx, jobs)
	}
	if listsErr == nil && booksErr == nil && o.Formats.XLSX && o.Notices != nil {
		pdir := filepath.Join(tmp, PublicDir)
		if noticesErr = os.Mkdir(pdir, 0o700); noticesErr == nil {
			var made []string
			made, noticesErr = writeNotices(ctx, o.Notices, pdir, scratch)
			dirs = append(dirs, pdir)
			dirs = append(dirs, made...)
		}
	}
	reportDone.Wait()
	// Of several failures, the first a serial run would meet is reported:
	// the lists', report.xlsx's, the townships', then the notices'.
	if err := firstError([]error{listsErr, reportErr, booksErr, noticesErr}); err != nil {
		return err
	}
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	if o.Formats.XLSX {
		if err := os.RemoveAll(scratch); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(o.Files))
	for name := range o.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return err
		}
		if err := writeFileSync(p, o.Files[name]); err != nil {
			return err
		}
		if d := filepath.Dir(p); d != tmp {
			if err := syncDir(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// townshipJobs makes the townships folder and a job for each township: in
// order, by name, and the folders made.
func townshipJobs(tmp, scratch string, o *Output) (jobs []*bookJob, byName map[string]*bookJob, dirs []string, err error) {
	tdir := filepath.Join(tmp, TownshipsDir)
	if err := os.Mkdir(tdir, 0o700); err != nil {
		return nil, nil, nil, err
	}
	dirs = []string{tdir}
	order, stems := uniqueNames(o.Townships)
	byName = map[string]*bookJob{}
	for n, t := range order {
		j := townshipJob(o, scratch, t, filepath.Join(tdir, stems[t]+".xlsx"), n)
		byName[t] = j
		jobs = append(jobs, j)
	}
	return jobs, byName, dirs, nil
}

func validate(o *Output) error {
	if strings.TrimSpace(o.Dir) == "" {
		return errors.New("write: no output folder")
	}
	taken := map[string]string{}
	claim := func(name, what string) error {
		if !filepath.IsLocal(name) || strings.Contains(name, `\`) {
			return fmt.Errorf("write: %s %q is not a plain name inside the output folder", what, name)
		}
		k := strings.ToLower(filepath.ToSlash(filepath.Clean(name)))
		if prev, ok := taken[k]; ok {
			return fmt.Errorf("write: %s %q clashes with %s", what, name, prev)
		}
		taken[k] = what + " " + name
		return nil
	}
	if o.Formats.XLSX {
		_ = claim(ReportFile, "report")
		taken[TownshipsDir] = "the townships folder"
		taken[PublicDir] = "the public folder"
		taken[".scratch"] = "the scratch folder"
	}
	for i, l := range o.Lists {
		if len(l.Columns) == 0 {
			return fmt.Errorf("write: list %d (%s) has no columns", i, l.Sheet)
		}
		if l.Rows == nil {
			return fmt.Errorf("write: list %d (%s) has no Rows func", i, l.Sheet)
		}
		if l.File != "" && o.Formats.CSV {
			if err := claim(l.File, "list file"); err != nil {
				return err
			}
		}
	}
	for name := range o.Files {
		if err := claim(name, "file"); err != nil {
			return err
		}
		// a file inside townships/ or public/ would be a subfolder of ours
		first := strings.ToLower(strings.SplitN(filepath.ToSlash(filepath.Clean(name)), "/", 2)[0])
		if o.Formats.XLSX && (first == TownshipsDir || first == PublicDir || first == ".scratch") {
			return fmt.Errorf("write: file %q clashes with the %s folder", name, first)
		}
	}
	return nil
}

// colIndex returns the index of the column named name, or -1.
func colIndex(cols []Column, name string) int {
	for i, c := range cols {
		if c.Name == name {
			return i
		}
	}
	return -1
}
