package read

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// referenceCSV reads a CSV file with encoding/csv (LazyQuotes), as paicha
// did before it had a reader of its own: the reference the tests hold that
// reader to, row for row, error for error, damage for damage.
func referenceCSV(ctx context.Context, path string, ti textInfo, fn func(num int, cells []string) error) (damaged, firstDamaged int, err error) {
	r, c, err := textReader(path, ti)
	if err != nil {
		return 0, 0, err
	}
	defer c.Close()
	tail := &tailReader{r: r}
	cr := csv.NewReader(tail)
	cr.Comma = ti.comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return damaged, firstDamaged, nil
		}
		line := 0
		if len(rec) > 0 {
			line, _ = cr.FieldPos(0)
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return damaged, firstDamaged, &FileError{Path: path, Row: line, Reason: "读取CSV文件出错，文件可能不完整，请重新导出后再试", Err: err}
		}
		if last, _ := cr.FieldPos(len(rec) - 1); last-line > maxRecordLines {
			return damaged, firstDamaged, &FileError{Path: path, Row: line, Reason: "从这一行开始的引号没有配对，后面上千行被读成了一个单元格；请用Excel打开检查该行后另存再试"}
		}
		if tail.unterminated(cr, rec) {
			return damaged, firstDamaged, &FileError{Path: path, Row: line, Reason: "从这一行开始的引号没有配对，文件末尾之前的内容被读成了一个单元格；请用Excel打开检查该行后另存再试"}
		}
		bad := false
		for j, s := range rec {
			if !utf8.ValidString(s) {
				rec[j] = strings.ToValidUTF8(s, "\uFFFD")
				bad = true
			} else if strings.ContainsRune(s, utf8.RuneError) {
				bad = true
			}
		}
		if bad {
			if damaged++; firstDamaged == 0 {
				firstDamaged = line
			}
		}
		cells := trimTrailing(rec)
		if len(cells) == 0 {
			continue
		}
		if err := fn(line, cells); err != nil {
			return damaged, firstDamaged, err
		}
	}
}

// tailReader passes text through to the CSV reader, remembering how much it
// passed, whether the end was reached and the last byte that is not a line
// break: enough to tell a record whose opening quote is never closed.
type tailReader struct {
	r        io.Reader
	n        int64
	eof      bool
	lastByte byte
}

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.n += int64(n)
	for i := n - 1; i >= 0; i-- {
		if p[i] != '\n' && p[i] != '\r' {
			t.lastByte = p[i]
			break
		}
	}
	if err == io.EOF {
		t.eof = true
	}
	return n, err
}

func (t *tailReader) unterminated(cr *csv.Reader, rec []string) bool {
	if !t.eof || cr.InputOffset() != t.n || len(rec) == 0 {
		return false
	}
	last := rec[len(rec)-1]
	return strings.ContainsRune(last, '\n') && t.lastByte != '"'
}
