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
	fh *os.File
	bw *bufio.Writer
	w  *csv.Writer
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

func (c *csvFile) write(row []string) error { return c.w.Write(row) }

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

// writeMain writes the CSV files and report.xlsx in one pass over each list,
// handing the rows on to the township workbooks (towns, nil: none).
func writeMain(ctx context.Context, tmp, scratch string, o *Output, towns *townships) error {
	var rb *book
	cnt := newCounter()
	if o.Formats.XLSX {
		var err error
		if rb, err = newBook(scratch, true); err != nil {
			return err
		}
		defer rb.close()
	}
	for i := range o.Lists {
		l := &o.Lists[i]
		wantCSV := o.Formats.CSV && l.File != ""
		if !wantCSV && rb == nil {
			continue
		}
		townCol := -1
		if towns != nil && (l.InTownships || l.Public) {
			townCol = colIndex(l.Columns, colTownship)
		}
		var (
			cf   *csvFile
			ss   *sheetStream
			spec *countSpec
			err  error
		)
		if wantCSV {
			if cf, err = newCSV(filepath.Join(tmp, filepath.FromSlash(l.File)), l.Columns); err != nil {
				return err
			}
		}
		if rb != nil {
			ss = newSheetStream(rb, l, false, "")
			spec = cnt.spec(l)
		}
		err = stream(ctx, l, func(row []string) error {
			if cf != nil {
				if err := cf.write(row); err != nil {
					return err
				}
			}
			if townCol >= 0 {
				towns.row(i, townCol, row)
			}
			if spec != nil {
				cnt.add(spec, row)
			}
			if ss != nil {
				return ss.add(row)
			}
			return nil
		})
		if err != nil {
			if cf != nil {
				cf.abort()
			}
			return err
		}
		if townCol >= 0 {
			towns.end(i)
		}
		if cf != nil {
			if err := cf.close(); err != nil {
				return err
			}
		}
		if ss != nil {
			if err := ss.close(); err != nil {
				return err
			}
		}
	}
	if rb == nil {
		return nil
	}
	if err := cnt.writeSummary(rb, "各村监测对象候选户数"); err != nil {
		return err
	}
	return rb.save(filepath.Join(tmp, ReportFile))
}

// writeTownships writes townships/<乡镇>.xlsx and public/<乡镇>-公示.xlsx,
// streaming each list once per township into both.
