package read

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// maxRecordLines is how many lines one CSV record may span before the reader
// gives up: a stray opening quote would otherwise swallow the rest of the file
// into one cell.
const maxRecordLines = 1000

// csvBook is a CSV or TSV file (or tab-separated "Unicode text"); one sheet "".
//
// Its rows are read as encoding/csv reads them with LazyQuotes (the tests
// hold the two equal), by a reader of its own that can also cut the file
// into chunks of whole records (Chunks) for several goroutines to parse: a
// county's payment export is one file of millions of rows.
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
	b.damaged, b.firstDamaged = 0, 0
	return b.Chunks(ctx, sheet, func(c *Chunk) error {
		err := c.Rows(ctx, fn)
		if len(c.Damaged) > 0 {
			if b.damaged == 0 {
				b.firstDamaged = c.Damaged[0]
			}
			b.damaged += len(c.Damaged)
		}
		return err
	})
}

// Chunked is a Workbook whose sheet can be cut into chunks of whole records
// that are parsed apart, in any goroutine: the rows of all chunks, in chunk
// order, are the rows Rows reports.
type Chunked interface {
	// Chunks reads the sheet and hands fn its chunks in order, from the
	// calling goroutine; it stops at the first error fn returns and returns
	// it. A chunk's rows are parsed by its own Rows.
	Chunks(ctx context.Context, sheet string, fn func(*Chunk) error) error
}

// Chunk is a run of whole records of a CSV file.
type Chunk struct {
	Seq   int // 0, 1, 2 … in file order
	path  string
	data  []byte            // as in the file (GB18030 is decoded by Rows)
	buf   []byte            // the buffer data is in, whole
	free  chan<- []byte     // where Release puts buf
	dec   encoding.Encoding // nil: data is UTF-8
	comma byte
	line  int  // the line data starts on (1-based)
	final bool // data runs to the end of the file

	// Damaged lists, once Rows has returned, the records (by line) that hold
	// bytes invalid in the file's encoding, shown as U+FFFD: the records
	// read, not only those reported (a row of empty cells, say).
	Damaged []int
}

// Release hands the chunk's buffer back to be read into again. The strings
// of its cells must not be used after it: whoever releases a chunk has
// copied what it keeps of them. A chunk never released is left to the
// garbage collector, as it is when the splitter has buffers enough.
//
// Reading a payment export into new buffers made a garbage collection
// every 18 chunks or so (25 for the 130k county's 451 MB card CSV, 5 now),
// and the collector's work and the zeroing of the new buffers cost about 4%
// of the CPU of loading the file (README, Performance).
func (c *Chunk) Release() {
	if c.buf == nil {
		return
	}
	if ScrubReleased {
		for i := range c.buf {
			c.buf[i] = scrubByte
		}
	}
	select {
	case c.free <- c.buf:
	default:
	}
	c.buf, c.data = nil, nil
}

// ScrubReleased makes Release overwrite the buffer (with scrubByte), for
// tests: a string kept from a released chunk then reads as garbage at once
// rather than when the buffer happens to be read into again.
var ScrubReleased = false

const scrubByte = '#'

// ChunkSize is how many bytes a chunk holds, at least (it ends at a record
// boundary) unless it is the file's last: large enough that handing it to a
// goroutine costs nothing next to parsing it, small enough to keep both
// cores busy and memory small.
var ChunkSize = 1 << 20

// Chunks implements Chunked.
func (b *csvBook) Chunks(ctx context.Context, sheet string, fn func(*Chunk) error) error {
	if sheet != "" {
		return &FileError{Path: b.path, Sheet: sheet, Reason: "CSV文件只有一个工作表", Err: ErrNoSheet}
	}
	f, err := os.Open(b.path)
	if err != nil {
		return fileErr(b.path, "无法打开文件，请检查文件是否存在、是否被其他程序占用", err)
	}
	defer f.Close()
	if _, err := f.Seek(int64(b.ti.bom), io.SeekStart); err != nil {
		return fileErr(b.path, "读取文件失败，请检查文件是否完整", err)
	}
	// GB18030 is cut as it is and decoded chunk by chunk: the bytes that
	// structure CSV (quote, comma, tab, CR, LF) never occur inside its
	// multi-byte characters, and its decoder resynchronises after a bad
	// byte by skipping only that byte. Other encodings (UTF-16) are decoded
	// before cutting.
	var r io.Reader = f
	var dec encoding.Encoding
	switch {
	case b.ti.enc == simplifiedchinese.GB18030:
		dec = b.ti.enc
	case b.ti.enc != nil:
		r = transform.NewReader(f, b.ti.enc.NewDecoder())
	}
	sp := splitter{r: r, comma: byte(b.ti.comma), line: 1, free: make(chan []byte, freeChunks)}
	for seq := 0; ; seq++ {
		if seq%16 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		data, final, err := sp.next()
		if err != nil {
			return &FileError{Path: b.path, Row: sp.line, Reason: reasonCSVBroken, Err: err}
		}
		if len(data) > 0 || seq == 0 {
			c := &Chunk{Seq: seq, path: b.path, data: data, buf: sp.buf, free: sp.free, dec: dec, comma: sp.comma, line: sp.line, final: final}
			sp.line += countLines(data)
			if err := fn(c); err != nil {
				return err
			}
		}
		if final {
			return nil
		}
	}
}

// splitter cuts a CSV stream at record boundaries.
type splitter struct {
	r     io.Reader
	comma byte
	line  int    // the line the next chunk starts on
	carry []byte // read past the last cut
	eof   bool
	buf   []byte      // the whole buffer the last chunk's bytes are in
	free  chan []byte // buffers of released chunks
}

// freeChunks is how many released chunks' buffers a splitter keeps: more
// than the chunks in flight at once (one per worker, those queued for them
// and the one being read).
const freeChunks = 8

// next returns the next chunk's bytes, in sp.buf, which the chunk keeps
// until it is released (the strings of its cells point into it); final
// reports the end of the stream.
func (sp *splitter) next() (data []byte, final bool, err error) {
	size := ChunkSize
	for {
		data = sp.buffer(max(size, len(sp.carry)) + 4096)[:len(sp.carry)]
		copy(data, sp.carry)
		for !sp.eof && len(data) < size {
			n, rerr := sp.r.Read(data[len(data):cap(data)])
			data = data[:len(data)+n]
			switch {
			case rerr == io.EOF:
				sp.eof = true
			case rerr != nil:
				return nil, false, rerr
			}
		}
		if sp.eof {
			sp.carry = nil
			return data, true, nil
		}
		if cut := lastRecordEnd(data, sp.comma); cut > 0 {
			sp.carry = append([]byte(nil), data[cut:]...)
			return data[:cut:cut], false, nil
		}
		// One record longer than the chunk (or a quote that never closes):
		// read on until it ends.
		sp.carry = data
		size = 2 * len(data)
	}
}

// buffer returns a buffer of at least n bytes for the next chunk: a released
// chunk's when one is free and large enough, else a new one.
func (sp *splitter) buffer(n int) []byte {
	select {
	case b := <-sp.free:
		if cap(b) >= n {
			sp.buf = b[:cap(b)]
			return sp.buf
		}
	default:
	}
	sp.buf = make([]byte, n)
	return sp.buf
}

// lastRecordEnd returns the offset just past the last line break in data
// that ends a record (one outside a quoted field), or -1. data starts at the
// start of a record. The quoted fields are those encoding/csv sees: a quote
// opens one only at the start of a field, and inside one a quote followed
// by anything but a quote, the separator or the end of the line is text
// (LazyQuotes).
func lastRecordEnd(data []byte, comma byte) int {
	cut := -1
	i := 0 // outside a quoted field
	for {
		q := indexByte(data, i, '"')
		if q < 0 {
			if n := lastIndexByte(data, i, len(data), '\n'); n >= 0 {
				cut = n + 1
			}
			return cut
		}
		if n := lastIndexByte(data, i, q, '\n'); n >= 0 {
			cut = n + 1
		}
		if q > 0 && data[q-1] != comma && data[q-1] != '\n' {
			i = q + 1 // a quote inside an unquoted field is text
			continue
		}
		// A quoted field: find where it ends.
		j := q + 1
		for {
			e := indexByte(data, j, '"')
			if e < 0 || e+1 >= len(data) {
				return cut // the field runs on past data
			}
			c := data[e+1]
			if c == '"' {
				j = e + 2
				continue
			}
			if c == comma || c == '\n' || c == '\r' && e+2 < len(data) && data[e+2] == '\n' {
				i = e + 1
				break
			}
			if c == '\r' && e+2 == len(data) {
				return cut
			}
			j = e + 1 // a bare quote inside the quoted field is text
		}
	}
}

func indexByte(b []byte, from int, c byte) int {
	if i := bytes.IndexByte(b[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

func lastIndexByte(b []byte, from, to int, c byte) int {
	if i := bytes.LastIndexByte(b[from:to], c); i >= 0 {
		return from + i
	}
	return -1
}

func countLines(b []byte) int { return bytes.Count(b, newline) }

var newline = []byte{'\n'}
