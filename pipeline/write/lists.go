package write

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// ctxEvery is how often (in rows) streaming checks for cancellation.
const ctxEvery = 256

// stream calls l.Rows and hands each checked row to fn. It stops on the
// first error of fn, of ctx or of Rows, and returns that error even if Rows
// swallows it.
func stream(ctx context.Context, l *List, township string, fn func(row []string) error) error {
	ti := -1
	if township != "" {
		ti = colIndex(l.Columns, colTownship)
	}
	var failed error
	n := 0
	err := l.Rows(ctx, township, func(row []string) error {
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
		if ti >= 0 && row[ti] != township {
			// never hand a township another township's people
			failed = fmt.Errorf("write: %s: row %d for township %q belongs to %q", l.Sheet, n, township, row[ti])
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

// writeMain writes the CSV files and report.xlsx in one pass over each list.
func writeMain(ctx context.Context, tmp, scratch string, o *Output) error {
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
		err = stream(ctx, l, "", func(row []string) error {
			if cf != nil {
				if err := cf.write(row); err != nil {
					return err
				}
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
func writeTownships(ctx context.Context, tmp, scratch string, o *Output) error {
	var inTown, public bool
	for _, l := range o.Lists {
		inTown = inTown || l.InTownships
		public = public || l.Public
	}
	tdir, pdir := filepath.Join(tmp, TownshipsDir), filepath.Join(tmp, PublicDir)
	if err := os.Mkdir(tdir, 0o700); err != nil {
		return err
	}
	if public {
		if err := os.Mkdir(pdir, 0o700); err != nil {
			return err
		}
	}
	// A worker per core; a failure is reported for the first township (in
	// order) that failed, as if they had been written one after another.
	order, stems := uniqueNames(o.Townships)
	errs := make([]error, len(order))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, t := range order {
		g.Go(func() error {
			if err := writeTownship(ctx, o, t, filepath.Join(tdir, stems[t]+".xlsx"),
				filepath.Join(pdir, stems[t]+"-公示.xlsx"), public, scratch); err != nil {
				errs[i] = fmt.Errorf("%w (township %s)", err, t)
			}
			return nil
		})
	}
	g.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if err := syncDir(tdir); err != nil {
		return err
	}
	if public {
		return syncDir(pdir)
	}
	return nil
}

func writeTownship(ctx context.Context, o *Output, t, tpath, ppath string, public bool, scratch string) error {
	tb, err := newBook(scratch, true)
	if err != nil {
		return err
	}
	defer tb.close()
	var pb *book
	if public {
		if pb, err = newBook(scratch, false); err != nil {
			return err
		}
		defer pb.close()
	}
	cnt := newCounter()
	for i := range o.Lists {
		l := &o.Lists[i]
		if !l.InTownships && !l.Public {
			continue
		}
		var (
			ts, ps *sheetStream
			spec   *countSpec
		)
		if l.InTownships {
			ts = newSheetStream(tb, l, false, "")
			spec = cnt.spec(l)
		}
		if l.Public {
			title := l.PublicTitle
			if title == "" {
				title = l.Sheet + "名单公示"
			}
			ps = newSheetStream(pb, l, true, t+title)
		}
		err := stream(ctx, l, t, func(row []string) error {
			if spec != nil {
				cnt.add(spec, row)
			}
			if ts != nil {
				if err := ts.add(row); err != nil {
					return err
				}
			}
			if ps != nil {
				return ps.add(row)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, s := range []*sheetStream{ts, ps} {
			if s != nil {
				if err := s.close(); err != nil {
					return err
				}
			}
		}
	}
	if err := cnt.writeSummary(tb, t+"各村监测对象候选户数"); err != nil {
		return err
	}
	if err := tb.save(tpath); err != nil {
		return err
	}
	if pb != nil {
		return pb.save(ppath)
	}
	return nil
}
