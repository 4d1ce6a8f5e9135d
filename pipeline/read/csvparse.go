package read

import (
	"bytes"
	"context"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Rows parses the chunk's records and calls fn with each one that has a
// non-empty cell, as Workbook.Rows does. The strings of cells stay valid
// (they point into the chunk, which nothing writes to again); the slice is
// reused. A record that cannot be read (a quote that never closes) is a
// *FileError naming its line; the records before it have been given to fn.
func (c *Chunk) Rows(ctx context.Context, fn func(num int, cells []string) error) error {
	data := c.data
	if c.dec != nil {
		// The decoder replaces bytes it cannot decode and never fails.
		d, err := c.dec.NewDecoder().Bytes(data)
		if err != nil {
			return &FileError{Path: c.path, Row: c.line, Reason: reasonCSVBroken, Err: err}
		}
		data = d
	}
	// Cells are cut at ASCII bytes, which never fall inside a UTF-8
	// character: when the whole chunk is valid and holds no U+FFFD, so is
	// every cell, and the cells need no check of their own. (A decoder's
	// output is valid UTF-8 already.)
	check := c.dec == nil && !cleanUTF8(data) || c.dec != nil && bytes.Contains(data, replacementChar)
	p := csvParser{data: data, comma: c.comma, line: c.line - 1}
	for i := 0; ; i++ {
		if err := checkCtx(ctx, i); err != nil {
			return err
		}
		if !p.record() {
			return nil
		}
		rec := p.fields
		if p.lastFieldLine-p.recLine > maxRecordLines {
			return &FileError{Path: c.path, Row: p.recLine, Reason: "从这一行开始的引号没有配对，后面上千行被读成了一个单元格；请用Excel打开检查该行后另存再试"}
		}
		if c.final && p.pos == len(data) && strings.IndexByte(rec[len(rec)-1], '\n') >= 0 && lastTextByte(data) != '"' {
			// The last record runs to the end of the file, its last field
			// across lines: a quoted field whose quote never closed.
			return &FileError{Path: c.path, Row: p.recLine, Reason: "从这一行开始的引号没有配对，文件末尾之前的内容被读成了一个单元格；请用Excel打开检查该行后另存再试"}
		}
		if check && damagedCells(rec) {
			c.Damaged = append(c.Damaged, p.recLine)
		}
		cells := trimTrailing(rec)
		if len(cells) == 0 {
			continue
		}
		if err := fn(p.recLine, cells); err != nil {
			return err
		}
	}
}

var replacementChar = []byte("\uFFFD")

// reasonCSVBroken is the reason of a CSV file that cannot be read on from
// some point, whether its bytes or its decoding failed.
const reasonCSVBroken = "读取CSV文件出错，文件可能不完整，请重新导出后再试"

// damagedCells replaces the bytes of cells that are not UTF-8 and reports
// whether any cell held such bytes or U+FFFD (what a decoder puts for bytes
// invalid in the file's encoding).
func damagedCells(cells []string) bool {
	bad := false
	for j, s := range cells {
		if !utf8.ValidString(s) {
			cells[j] = strings.ToValidUTF8(s, "\uFFFD")
			bad = true
		} else if strings.ContainsRune(s, utf8.RuneError) {
			bad = true
		}
	}
	return bad
}

// lastTextByte is the last byte of data that is not a line break.
func lastTextByte(data []byte) byte {
	for i := len(data) - 1; i >= 0; i-- {
		if data[i] != '\n' && data[i] != '\r' {
			return data[i]
		}
	}
	return 0
}

// csvParser reads records as encoding/csv's Reader does with LazyQuotes,
// FieldsPerRecord -1 and no comment character: empty lines are skipped, a
// quote opens a quoted field only at the start of a field, "" inside one is
// a quote, a quote inside one that is followed by anything but a quote, the
// separator or the end of the line is text, a quoted field may span lines
// (its line breaks read as \n) and ends at the end of the data if its quote
// never closes; "\r\n" ends a line as "\n" does, and a "\r" at the very end
// is dropped. Cells that are a plain run of the data point into it.
type csvParser struct {
	data  []byte
	pos   int // where the next line starts
	line  int // lines read so far
	comma byte

	fields                 []string
	recLine, lastFieldLine int // the lines the record and its last field start on
}

// readLine returns the next line's text data[start:end], without its line
// break, and whether it has one (ok false: no line left).
func (p *csvParser) readLine() (start, end int, nl, ok bool) {
	start = p.pos
	if start >= len(p.data) {
		return 0, 0, false, false
	}
	p.line++
	if i := bytes.IndexByte(p.data[start:], '\n'); i >= 0 {
		end, nl = start+i, true
		p.pos = end + 1
	} else {
		end = len(p.data)
		p.pos = end
	}
	if end > start && p.data[end-1] == '\r' {
		end--
	}
	return start, end, nl, true
}

// record reads the next record into p.fields; false at the end of the data.
func (p *csvParser) record() bool {
	data, comma := p.data, p.comma
	var start, end int
	var nl, ok bool
	for {
		if start, end, nl, ok = p.readLine(); !ok {
			return false
		}
		if start < end {
			break // else an empty line: skipped
		}
	}
	p.fields = p.fields[:0]
	p.recLine = p.line
	i := start
	for {
		p.lastFieldLine = p.line
		if i == end || data[i] != '"' {
			// An unquoted field runs to the separator or the end of the line.
			if j := bytes.IndexByte(data[i:end], comma); j >= 0 {
				p.fields = append(p.fields, bytesString(data[i:i+j]))
				i += j + 1
				continue
			}
			p.fields = append(p.fields, bytesString(data[i:end]))
			return true
		}
		i++
		f := fieldText{start: i, from: i}
		for {
			if q := bytes.IndexByte(data[i:end], '"'); q >= 0 {
				q += i
				switch {
				case q+1 < end && data[q+1] == '"':
					f.drop(data, q+1)
					i = q + 2
				case q+1 < end && data[q+1] == comma:
					p.fields = append(p.fields, f.value(data, q))
					i = q + 2
					goto nextField
				case q+1 == end:
					p.fields = append(p.fields, f.value(data, q))
					return true
				default:
					i = q + 1 // a bare quote: text
				}
				continue
			}
			if !nl {
				// The end of the data inside the quoted field: it ends here.
				p.fields = append(p.fields, f.value(data, end))
				return true
			}
			// The field goes on on the next line, after a "\n".
			if data[end] == '\r' {
				f.drop(data, end)
			}
			if start, end, nl, ok = p.readLine(); !ok {
				p.fields = append(p.fields, f.value(data, p.pos))
				return true
			}
			i = start
		}
	nextField:
	}
}

// fieldText is a quoted field's text: a run of the data, until a byte of it
// has to be left out and it becomes a copy.
type fieldText struct {
	start, from int // where the field starts; where the part not yet copied starts
	copied      bool
	own         []byte
}

// drop leaves data[k] out of the field.
func (f *fieldText) drop(data []byte, k int) {
	f.own = append(f.own, data[f.from:k]...)
	f.from, f.copied = k+1, true
}

// value is the field's text, which ends before data[end].
func (f *fieldText) value(data []byte, end int) string {
	if !f.copied {
		return bytesString(data[f.start:end])
	}
	return bytesString(append(f.own, data[f.from:end]...))
}

// bytesString is b as a string without copying: b is never written again.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
