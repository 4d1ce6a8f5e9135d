package write

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
)

// ctxEvery is how often (in rows) streaming checks for cancellation.
const ctxEvery = 256

// stream calls l.Rows and hands each checked row to fn. It stops on the
// first error of fn, of ctx or of Rows, and returns that error even if Rows
// swallows it.
func stream(ctx context.Context, l *List, fn func(row []string) error) error {
	var failed error
	n := 0
	err := l.Rows(ctx, func(row []string) error {
		if failed != nil {
			return failed
		}
		if n++; n%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				failed = err
				return err
			}
		}
		if len(row) != len(l.Columns) {
			failed = fmt.Errorf("write: %s: row %d has %d fields, want %d", l.Sheet, n, len(row), len(l.Columns))
			return failed
		}
		if err := fn(row); err != nil {
			failed = err
			return err
		}
		return nil
	})
	if failed != nil {
		return failed
	}
	if err != nil {
		return fmt.Errorf("write: %s: %w", l.Sheet, err)
	}
	return ctx.Err()
}

// csvFile is one CSV list being written.
type csvFile struct {
	fh   *os.File
	bw   *bufio.Writer
	w    *csv.Writer
	safe []string // the row with its dangerous cells escaped (csvSafe)
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func newCSV(p string, cols []Column) (*csvFile, error) {
	fh, err := createFile(p)
	if err != nil {
		return nil, err
	}
	c := &csvFile{fh: fh, bw: bufio.NewWriterSize(fh, 256<<10)}
	c.bw.Write(bom)
	c.w = csv.NewWriter(c.bw) // LF line ends (UseCRLF false)
	hdr := make([]string, len(cols))
	for i, col := range cols {
		hdr[i] = col.Name
	}
	if err := c.w.Write(hdr); err != nil {
		c.abort()
		return nil, err
	}
	return c, nil
}

// write writes row, a cell that could run as a formula escaped (csvSafe).
// Rows without one, nearly all, are written as they are.
func (c *csvFile) write(row []string) error {
	for i, v := range row {
		if formulaLead(v) {
			c.safe = append(c.safe[:0], row...)
			for j := i; j < len(row); j++ {
				c.safe[j] = csvSafe(row[j])
			}
			return c.w.Write(c.safe)
		}
	}
	return c.w.Write(row)
}

func (c *csvFile) close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		c.abort()
		return err
	}
	if err := c.bw.Flush(); err != nil {
		c.abort()
		return err
	}
	return closeFile(c.fh)
}

func (c *csvFile) abort() { _ = c.fh.Close() }

// writeLists reads each list once: it writes the CSV files, hands each row
// to report.xlsx (report, nil: no workbooks) and spools it for the workbook
// of its township (towns, by 乡镇).
func writeLists(ctx context.Context, tmp string, o *Output, report *pipeRows, towns map[string]*bookJob) error {
	var batch []listRow
	for i := range o.Lists {
		l := &o.Lists[i]
		wantCSV := o.Formats.CSV && l.File != ""
		toReport := report != nil && !l.NotInReport
		if !wantCSV && !toReport && (len(towns) == 0 || !l.InTownships) {
			continue
		}
		townCol := -1
		if len(towns) > 0 && l.InTownships {
			townCol = colIndex(l.Columns, colTownship)
		}
		var cf *csvFile
		if wantCSV {
			var err error
			if cf, err = newCSV(filepath.Join(tmp, filepath.FromSlash(l.File)), l.Columns); err != nil {
				return err
			}
		}
		err := stream(ctx, l, func(row []string) error {
			if cf != nil {
				if err := cf.write(row); err != nil {
					return err
				}
			}
			if toReport {
				if batch = append(batch, listRow{i, append([]string(nil), row...)}); len(batch) == pipeBatch {
					report.send(batch)
					batch = nil
				}
			}
			if townCol >= 0 {
				if t := towns[row[townCol]]; t != nil {
					t.spool.add(i, row)
				}
			}
			return nil
		})
		if err != nil {
			if cf != nil {
				cf.abort()
			}
			return err
		}
		if cf != nil {
			if err := cf.close(); err != nil {
				return err
			}
		}
	}
	if len(batch) > 0 {
		report.send(batch)
	}
	for _, t := range towns {
		t.spool.sync()
	}
	return nil
}
