package write

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// MaxSheetRows is the number of rows (header and title rows included) a
// sheet may hold before a list continues on "<Sheet>(2)", "<Sheet>(3)" …
// Excel's limit; a variable so tests can make it small.
var MaxSheetRows = excelize.TotalRows

// measureRows is how many leading rows of a list are buffered to choose
// column widths before the first row is written.
const measureRows = 200

const (
	maxWidth    = 50
	summarySeet = "汇总"
)

// book is one workbook being written.
type book struct {
	f     *excelize.File
	used  map[string]bool // sheet names in use, lower-cased
	st    styles
	spare string // the default sheet, still unused (books without 汇总)
}

type styles struct {
	header, text, wrap, code, money, integer, date, total, totalLabel int
}

// newBook starts a workbook; with summary its first sheet is 汇总 (filled at
// the end by counter.writeSummary), otherwise the first list takes it over.
func newBook(scratch string, summary bool) (*book, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: scratch})
	b := &book{f: f, used: map[string]bool{}}
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	dateFmt := "yyyy-mm-dd"
	top := &excelize.Alignment{Vertical: "top"}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&b.st.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border:    border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		}},
		// cells sit at the top: a row grown for a wrapped text reads across
		{&b.st.text, excelize.Style{Alignment: top}},
		{&b.st.wrap, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.st.code, excelize.Style{NumFmt: 49, Alignment: top}},
		{&b.st.money, excelize.Style{NumFmt: 2, Alignment: top}},
		{&b.st.integer, excelize.Style{NumFmt: 1, Alignment: top}},
		{&b.st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: top}},
		{&b.st.total, excelize.Style{NumFmt: 1, Font: &excelize.Font{Bold: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&b.st.totalLabel, excelize.Style{Font: &excelize.Font{Bold: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			f.Close()
			return nil, err
		}
		*s.id = id
	}
	if !summary {
		b.spare = "Sheet1"
		return b, nil
	}
	// The default sheet becomes 汇总, so that it is the first sheet.
	if err := f.SetSheetName("Sheet1", summarySeet); err != nil {
		f.Close()
		return nil, err
	}
	b.used[strings.ToLower(summarySeet)] = true
	return b, nil
}

// ZipLevel is the deflate level of the workbooks (compress/flate levels):
// fast compression, because a 200k-row sheet spends more time in deflate
// than anywhere else, for files about a fifth larger than the default level.
var ZipLevel = flate.BestSpeed

// deflaters keeps deflate writers from one zip entry to the next: a run
// writes about a hundred workbooks of a dozen entries each, and a new
// flate.Writer allocates and clears over 600 KB (at 130k households that
// was a sixth of the write stage's CPU).
var deflaters sync.Pool

type deflater struct {
	*flate.Writer
	level int
}

func newDeflater(out io.Writer) (io.WriteCloser, error) {
	if d, ok := deflaters.Get().(*deflater); ok && d.level == ZipLevel {
		d.Reset(out)
		return d, nil
	}
	fw, err := flate.NewWriter(out, ZipLevel)
	if err != nil {
		return nil, err
	}
	return &deflater{Writer: fw, level: ZipLevel}, nil
}

// Close ends the entry and gives the writer back for the next one.
func (d *deflater) Close() error {
	err := d.Writer.Close()
	deflaters.Put(d)
	return err
}

// save writes the workbook to a new 0600 file at p and fsyncs it.
//
// excelize's Write assembles the whole zip in a bytes.Buffer; its ZipWriter
// hook lets us hand it a zip.Writer on the file instead, so a large workbook
// is never held in memory (the buffer excelize passes in stays empty).
func (b *book) save(p string) error {
	fh, err := createFile(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(fh, 1<<20)
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, newDeflater)
		return zw
	})
	if err := b.f.Write(io.Discard); err != nil {
		fh.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		fh.Close()
		return err
	}
	return closeFile(fh)
}

func (b *book) close() { _ = b.f.Close() }

// sheetName turns s into a valid, unused sheet name: no []:*?/\' characters,
// at most 31 characters (before the suffix), unique ignoring case.
func (b *book) sheetName(s string, part int) string {
	var sb strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if strings.ContainsRune(`[]:*?/\'`, r) || r < 0x20 {
			r = '_'
		}
		sb.WriteRune(r)
	}
	base := sb.String()
	if base == "" {
		base = "Sheet"
	}
	for k := part; ; k++ {
		suffix := ""
		if k > 1 {
			suffix = "(" + strconv.Itoa(k) + ")"
		}
		name := base
		if r := []rune(name); len(r)+utf8.RuneCountInString(suffix) > excelize.MaxSheetNameLength {
			name = string(r[:excelize.MaxSheetNameLength-utf8.RuneCountInString(suffix)])
		}
		name += suffix
		if !b.used[strings.ToLower(name)] {
			b.used[strings.ToLower(name)] = true
			return name
		}
	}
}

// sheetStream writes one list into a book, on as many sheets as needed.
type sheetStream struct {
	b      *book
	base   string
	cols   []Column
	src    []int // index of each output column in the input row; -1 = 序号
	widths []float64
	serial int // the last 序号 written (it runs on across a list's sheets)

	pending [][]string // first rows, buffered to measure widths
	opened  bool
	part    int
	sw      *excelize.StreamWriter
	name    string
	row     int // last row written on the current sheet
	hdrRow  int

	cells []excelize.Cell
	vals  []interface{}
	buf   []string
}

// newSheetStream prepares a list for a book: its columns but the Hidden,
// after a 序号 where the list is Numbered.
func newSheetStream(b *book, l *List) *sheetStream {
	s := &sheetStream{b: b, base: l.Sheet}
	if l.Numbered {
		s.cols = append(s.cols, Column{Name: "序号", Kind: Int, Width: 7})
		s.src = append(s.src, -1)
	}
	for i, c := range l.Columns {
		if c.Hidden {
			continue
		}
		s.cols = append(s.cols, c)
		s.src = append(s.src, i)
	}
	s.cells = make([]excelize.Cell, len(s.cols))
	s.vals = make([]interface{}, len(s.cols))
	s.buf = make([]string, len(s.cols))
	return s
}

// add writes one input row.
func (s *sheetStream) add(row []string) error {
	out := s.buf
	for i, j := range s.src {
		if j >= 0 {
			out[i] = row[j]
		}
	}
	if !s.opened {
		if len(s.pending) < measureRows {
			s.pending = append(s.pending, append([]string(nil), out...))
			return nil
		}
		if err := s.open(); err != nil {
			return err
		}
	}
	return s.write(out)
}

// open chooses the column widths and starts the first sheet, then writes
// the buffered rows.
func (s *sheetStream) open() error {
	s.opened = true
	s.widths = make([]float64, len(s.cols))
	for i, c := range s.cols {
		if c.Width > 0 {
			s.widths[i] = min(c.Width, excelize.MaxColumnWidth)
			continue
		}
		w := textWidth(c.Name) + 3 // bold header and the filter button
		switch c.Kind {
		case ID:
			w = max(w, 21)
		case Code:
			w = max(w, 19)
		case Money, Date:
			w = max(w, 12)
		case Int:
			w = max(w, 7)
		default:
			w = max(w, 8)
		}
		for _, r := range s.pending {
			w = max(w, textWidth(r[i])+2)
		}
		s.widths[i] = min(w, maxWidth)
	}
	if err := s.newSheet(); err != nil {
		return err
	}
	for _, r := range s.pending {
		if err := s.write(r); err != nil {
			return err
		}
	}
	s.pending = nil
	return nil
}

func (s *sheetStream) newSheet() error {
	s.part++
	s.name = s.b.sheetName(s.base, s.part)
	f := s.b.f
	if s.b.spare != "" {
		if err := f.SetSheetName(s.b.spare, s.name); err != nil {
			return err
		}
		s.b.spare = ""
	} else if _, err := f.NewSheet(s.name); err != nil {
		return err
	}
	if err := fitToPage(f, s.name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	s.sw = sw
	for i, c := range s.cols {
		if err := sw.SetColWidth(i+1, i+1, s.widths[i]); err != nil {
			return err
		}
		if c.Kind == ID || c.Kind == Code {
			// text format for the whole column: cells typed in later stay text
			if err := sw.SetColStyle(i+1, i+1, s.b.st.code); err != nil {
				return err
			}
		}
	}
	s.hdrRow = 1
	top, _ := excelize.CoordinatesToCellName(1, s.hdrRow+1)
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: s.hdrRow, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	hdr := make([]interface{}, len(s.cols))
	for i, c := range s.cols {
		hdr[i] = excelize.Cell{StyleID: s.b.st.header, Value: c.Name}
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.hdrRow)
	if err := sw.SetRow(cell, hdr, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	s.row = s.hdrRow
	return nil
}

// finishSheet sets the autofilter over the header and the rows written and
// the print setup, and flushes the sheet.
func (s *sheetStream) finishSheet() error {
	from, _ := excelize.CoordinatesToCellName(1, s.hdrRow)
	to, _ := excelize.CoordinatesToCellName(len(s.cols), max(s.row, s.hdrRow))
	// autoFilter is written by Flush, so it can be set now that the last row is known
	if err := s.b.f.AutoFilter(s.name, from+":"+to, nil); err != nil {
		return err
	}
	if err := printSetup(s.b.f, s.name, 1, s.hdrRow); err != nil {
		return err
	}
	if err := printArea(s.b.f, s.name, len(s.cols), s.row); err != nil {
		return err
	}
	err := s.sw.Flush()
	s.sw = nil
	return err
}

// close finishes the list (a list without rows still gets its header).
func (s *sheetStream) close() error {
	if !s.opened {
		if err := s.open(); err != nil {
			return err
		}
	}
	if s.sw == nil {
		return nil
	}
	return s.finishSheet()
}

func (s *sheetStream) write(row []string) error {
	if s.row >= MaxSheetRows {
		if err := s.finishSheet(); err != nil {
			return err
		}
		if err := s.newSheet(); err != nil {
			return err
		}
	}
	st := &s.b.st
	if len(s.src) > 0 && s.src[0] < 0 {
		s.serial++
		row[0] = strconv.Itoa(s.serial)
	}
	for i, v := range row {
		if v == "" {
			s.vals[i] = nil
			continue
		}
		c := &s.cells[i]
		c.StyleID, c.Value = st.text, v
		if s.cols[i].Wrap {
			c.StyleID = st.wrap
		}
		switch s.cols[i].Kind {
		case ID, Code:
			c.StyleID = st.code
		case Money:
			if f, ok := parseDecimal(v); ok {
				c.StyleID, c.Value = st.money, f
			}
		case Int:
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				c.StyleID, c.Value = st.integer, n
			}
		case Date:
			if t, err := time.Parse(time.DateOnly, v); err == nil && t.Year() >= 1900 {
				c.StyleID, c.Value = st.date, t
			}
		}
		s.vals[i] = c
	}
	s.row++
	cell, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	if h := s.wrapHeight(row); h > 0 {
		return s.sw.SetRow(cell, s.vals, excelize.RowOpts{Height: h})
	}
	return s.sw.SetRow(cell, s.vals)
}

// wrapHeight is the height in points of a row whose wrapped text takes
// more than one line (0: one line will do). Spreadsheet programs do not
// grow a row for wrapped text on their own when they open a file, and a
// line cut off is lost on paper.
func (s *sheetStream) wrapHeight(row []string) float64 {
	lines := 1.0
	for i, c := range s.cols {
		if c.Wrap && row[i] != "" {
			per := max(s.widths[i]-1, 1)
			lines = max(lines, math.Ceil(textWidth(row[i])/per))
		}
	}
	if lines <= 1 {
		return 0
	}
	return min(15*lines, 409) // Excel's highest row
}

// parseDecimal accepts plain decimal text ("-1234.56", "0", "3.") and
// returns it as the float64 nearest to it; Excel stores that double and
// excelize writes its shortest round-trip form, which is the same decimal for
// any amount below 10^13 yuan with 2 decimals.
func parseDecimal(s string) (float64, bool) {
	t := s
	if t != "" && (t[0] == '-' || t[0] == '+') {
		t = t[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	if f == 0 {
		f = 0 // no "-0"
	}
	return f, true
}

// maskID keeps the first 6 and last 4 characters of an ID number
// ("150521********1234"); anything too short to keep both is masked whole.
func maskID(s string) string {
	if s == "" {
		return ""
	}
	r := []rune(s)
	if len(r) <= 10 {
		return "********"
	}
	return string(r[:6]) + "********" + string(r[len(r)-4:])
}

// textWidth estimates the width of s in Excel column units: East Asian wide
// characters count 2, others 1; the longest line counts.
func textWidth(s string) float64 {
	w, best := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			w = 0
			continue
		case wide(r):
			w += 2
		default:
			w++
		}
		best = max(best, w)
	}
	return float64(best)
}

func wide(r rune) bool {
	return r >= 0x1100 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK punctuation
		(r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6)) // full-width forms
}
