package read

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// maxRecordLines is how many lines one CSV record may span before the reader
// gives up: a stray opening quote would otherwise swallow the rest of the file
// into one cell.
const maxRecordLines = 1000

// csvBook is a CSV or TSV file (or tab-separated "Unicode text"); one sheet "".
type csvBook struct {
	path string
	ti   textInfo
	// damage: rows of the last Rows call holding bytes that are not valid in
	// the file's encoding (replaced by U+FFFD), and the first such row.
	damaged, firstDamaged int
}

// Damage reports how many rows of the last Rows call of sheet held bytes
// invalid in the file's encoding (shown as U+FFFD), and the first of them.
func (b *csvBook) Damage(sheet string) (rows, first int) { return b.damaged, b.firstDamaged }

func openCSV(path string, f *os.File, ti textInfo) (Workbook, error) {
	f.Close()
	return &csvBook{path: path, ti: ti}, nil
}

func (b *csvBook) Sheets() []string { return []string{""} }
func (b *csvBook) Close() error     { return nil }

// textReader opens path and returns its content decoded to UTF-8, BOM skipped.
func textReader(path string, ti textInfo) (io.Reader, io.Closer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if ti.bom > 0 {
		if _, err := f.Seek(int64(ti.bom), io.SeekStart); err != nil {
			f.Close()
			return nil, nil, err
		}
	}
	var r io.Reader = bufio.NewReaderSize(f, 64<<10)
	if ti.enc != nil {
		r = transform.NewReader(r, ti.enc.NewDecoder())
	}
	return r, f, nil
}

func (b *csvBook) Rows(ctx context.Context, sheet string, fn func(num int, cells []string) error) error {
	if sheet != "" {
		return &FileError{Path: b.path, Sheet: sheet, Reason: "CSV文件只有一个工作表", Err: ErrNoSheet}
	}
	r, c, err := textReader(b.path, b.ti)
	if err != nil {
		return fileErr(b.path, "无法打开文件，请检查文件是否存在、是否被其他程序占用", err)
	}
	defer c.Close()
	b.damaged, b.firstDamaged = 0, 0
	tail := &tailReader{r: r}
	cr := csv.NewReader(tail)
	cr.Comma = b.ti.comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	for i := 0; ; i++ {
		if err := checkCtx(ctx, i); err != nil {
			return err
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
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
			return &FileError{Path: b.path, Row: line, Reason: "读取CSV文件出错，文件可能不完整，请重新导出后再试", Err: err}
		}
		if last, _ := cr.FieldPos(len(rec) - 1); last-line > maxRecordLines {
			return &FileError{Path: b.path, Row: line, Reason: "从这一行开始的引号没有配对，后面上千行被读成了一个单元格；请用Excel打开检查该行后另存再试"}
		}
		if tail.unterminated(cr, rec) {
			return &FileError{Path: b.path, Row: line, Reason: "从这一行开始的引号没有配对，文件末尾之前的内容被读成了一个单元格；请用Excel打开检查该行后另存再试"}
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
			if b.damaged++; b.firstDamaged == 0 {
				b.firstDamaged = line
			}
		}
		cells := trimTrailing(rec)
		if len(cells) == 0 {
			continue
		}
		if err := fn(line, cells); err != nil {
			return err
		}
	}
}

// tailReader passes text through to the CSV reader, remembering how much it
// passed, whether the end was reached and the last byte that is not a line
// break: enough to tell a record whose opening quote is never closed (the
// lenient reader then swallows the rest of the file into its last field).
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

// unterminated reports whether rec, just read, is the file's last record
// and its last field is a quoted field that runs to the end of the file
// across lines without a closing quote.
func (t *tailReader) unterminated(cr *csv.Reader, rec []string) bool {
	if !t.eof || cr.InputOffset() != t.n || len(rec) == 0 {
		return false
	}
	last := rec[len(rec)-1]
	return strings.ContainsRune(last, '\n') && t.lastByte != '"'
}
