package read

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// This file reads legacy .xls (BIFF8, Excel 97-2003) workbooks with a small
// reader of its own: the OLE container is opened with
// github.com/richardlehane/mscfb (already used by excelize), the BIFF records
// that carry cell values are decoded here. Both candidate libraries were tried
// on .xls files written by LibreOffice (testdata/*.xls) and rejected:
// github.com/shakinm/xlsReader decodes negative RK numbers wrongly (-3.5 came
// out as 10737414.74), silently drops a whole sheet whose shared strings span
// CONTINUE records, drops formula results, and swallows errors;
// github.com/extrame/xls formats plain numbers as dates, shifts cells to the
// wrong column after blank cells, and panics on a nil row.

// maxXLSStream caps the Workbook stream read into memory. A full 65536-row,
// 256-column BIFF8 sheet of numbers is about 230 MB; real files are far smaller.
const maxXLSStream = 512 << 20

// BIFF record types used here.
const (
	recFORMULA    = 0x0006
	recEOF        = 0x000A
	recFILEPASS   = 0x002F
	recCONTINUE   = 0x003C
	recBOUNDSHEET = 0x0085
	recMULRK      = 0x00BD
	recRSTRING    = 0x00D6
	recSST        = 0x00FC
	recLABELSST   = 0x00FD
	recNUMBER     = 0x0203
	recLABEL      = 0x0204
	recBOOLERR    = 0x0205
	recSTRING     = 0x0207
	recRK         = 0x027E
	recBOF        = 0x0809
)

var errBIFF = errors.New("corrupt BIFF record stream")

type xlsSheet struct {
	name   string
	offset int // of the sheet's BOF record in the Workbook stream
}

type xlsBook struct {
	path   string
	stream []byte // the whole Workbook stream
	sheets []xlsSheet
	sst    []string
}

// openOLE opens an OLE compound file: an .xls workbook, or a
// password-protected .xlsx (which Office stores as an OLE file holding an
// EncryptedPackage).
func openOLE(path string, f *os.File) (wb Workbook, err error) {
	defer func() {
		// mscfb is defensive but not fuzzed by us; never let a corrupt file
		// take the run down.
		if r := recover(); r != nil {
			wb, err = nil, fileErr(path, reasonCorrupt, fmt.Errorf("panic reading OLE file: %v", r))
		}
	}()
	doc, err := mscfb.New(f)
	if err != nil {
		return nil, fileErr(path, reasonCorrupt, err)
	}
	var book *mscfb.File
	for _, e := range doc.File {
		if len(e.Path) != 0 { // only streams in the root storage
			continue
		}
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return nil, fileErr(path, reasonEncrypted, ErrEncrypted)
		case "Workbook":
			book = e
		case "Book":
			if book == nil {
				return nil, fileErr(path, reasonBIFF5, ErrNotWorkbook)
			}
		}
	}
	if book == nil {
		return nil, fileErr(path, "文件是Office文档，但不是Excel工作簿（可能是Word等其他文件改了扩展名），请检查文件", ErrNotWorkbook)
	}
	if book.Size > maxXLSStream {
		return nil, fileErr(path, reasonTooLarge, ErrTooLarge)
	}
	// A stream cannot be larger than the file holding it.
	if st, err := f.Stat(); err != nil || book.Size < 0 || book.Size > st.Size() {
		return nil, fileErr(path, reasonCorrupt, errors.New("Workbook stream larger than the file"))
	}
	stream := make([]byte, book.Size)
	if _, err := io.ReadFull(book, stream); err != nil {
		return nil, fileErr(path, reasonCorrupt, err)
	}
	b := &xlsBook{path: path, stream: stream}
	if err := b.parseGlobals(); err != nil {
		return nil, err
	}
	return b, nil
}

// record returns the record at pos and the position of the next one.
func record(s []byte, pos int) (typ int, data []byte, next int, err error) {
	if pos < 0 || pos+4 > len(s) {
		return 0, nil, 0, errBIFF
	}
	typ = int(binary.LittleEndian.Uint16(s[pos:]))
	n := int(binary.LittleEndian.Uint16(s[pos+2:]))
	if pos+4+n > len(s) {
		return 0, nil, 0, errBIFF
	}
	return typ, s[pos+4 : pos+4+n], pos + 4 + n, nil
}

// parseGlobals reads the workbook globals substream: sheet list, shared
// strings, encryption.
func (b *xlsBook) parseGlobals() error {
	corrupt := func(err error) error { return fileErr(b.path, reasonCorrupt, err) }
	typ, data, pos, err := record(b.stream, 0)
	if err != nil || typ != recBOF || len(data) < 4 {
		if err == nil && (typ == 0x0009 || typ == 0x0209 || typ == 0x0409) {
			return fileErr(b.path, reasonBIFF5, ErrNotWorkbook) // BIFF2-4
		}
		return corrupt(errBIFF)
	}
	if v := binary.LittleEndian.Uint16(data); v != 0x0600 {
		return fileErr(b.path, reasonBIFF5, fmt.Errorf("BIFF version %#x", v))
	}
	for pos < len(b.stream) {
		typ, data, next, err := record(b.stream, pos)
		if err != nil {
			return corrupt(err)
		}
		switch typ {
		case recFILEPASS:
			return fileErr(b.path, reasonEncrypted, ErrEncrypted)
		case recBOUNDSHEET:
			if len(data) < 8 {
				return corrupt(errBIFF)
			}
			off := int(binary.LittleEndian.Uint32(data))
			kind := data[5] // 0 worksheet, 1 macro sheet, 2 chart, 6 VBA module
			name, _, err := shortXLString(data[6:])
			if err != nil {
				return corrupt(err)
			}
			if kind == 0 {
				b.sheets = append(b.sheets, xlsSheet{name: name, offset: off})
			}
		case recSST:
			segs := [][]byte{data}
			for {
				t, d, n, err := record(b.stream, next)
				if err != nil || t != recCONTINUE {
					break
				}
				segs = append(segs, d)
				next = n
			}
			if b.sst, err = parseSST(segs); err != nil {
				return corrupt(err)
			}
		case recEOF:
			return nil
		}
		pos = next
	}
	return nil
}

// shortXLString decodes a ShortXLUnicodeString (8-bit length).
func shortXLString(d []byte) (string, int, error) {
	if len(d) < 2 {
		return "", 0, errBIFF
	}
	return xlChars(d[2:], int(d[0]), d[1]&1 != 0, 2)
}

// xlString decodes an XLUnicodeString (16-bit length), as in LABEL and STRING.
func xlString(d []byte) (string, error) {
	if len(d) < 3 {
		return "", errBIFF
	}
	s, _, err := xlChars(d[3:], int(binary.LittleEndian.Uint16(d)), d[2]&1 != 0, 3)
	return s, err
}

// xlChars decodes n characters, 16-bit if high else 8-bit (Latin-1), and
// returns the bytes consumed including hdr header bytes.
func xlChars(d []byte, n int, high bool, hdr int) (string, int, error) {
	if high {
		if len(d) < 2*n {
			return "", 0, errBIFF
		}
		return utf16String(d[:2*n]), hdr + 2*n, nil
	}
	if len(d) < n {
		return "", 0, errBIFF
	}
	return latin1(d[:n]), hdr + n, nil
}

func utf16String(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

func latin1(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// parseSST decodes the shared string table held in an SST record and its
// CONTINUE records (segs). A string's characters may be split across records;
// each continuation then starts with a new option byte saying whether the
// rest is 8- or 16-bit. Rich-text runs and phonetic data are skipped and may
// also be split.
func parseSST(segs [][]byte) ([]string, error) {
	if len(segs[0]) < 8 {
		return nil, errBIFF
	}
	unique := int(binary.LittleEndian.Uint32(segs[0][4:]))
	si, pos := 0, 8
	data := segs[0]
	out := make([]string, 0, min(unique, 1<<16))
	var u16 []uint16
	// skip advances pos by n bytes across segments.
	skip := func(n int) bool {
		for n > 0 {
			avail := len(data) - pos
			if n <= avail {
				pos += n
				return true
			}
			n -= avail
			si++
			if si >= len(segs) {
				return false
			}
			data, pos = segs[si], 0
		}
		return true
	}
	for len(out) < unique {
		if pos >= len(data) { // a string starts at a record boundary
			si++
			if si >= len(segs) {
				break // fewer strings than announced; keep what we have
			}
			data, pos = segs[si], 0
			continue
		}
		if pos+3 > len(data) {
			return out, errBIFF
		}
		nchars := int(binary.LittleEndian.Uint16(data[pos:]))
		opt := data[pos+2]
		pos += 3
		var runs, ext int
		if opt&0x08 != 0 {
			if pos+2 > len(data) {
				return out, errBIFF
			}
			runs = int(binary.LittleEndian.Uint16(data[pos:]))
			pos += 2
		}
		if opt&0x04 != 0 {
			if pos+4 > len(data) {
				return out, errBIFF
			}
			ext = int(binary.LittleEndian.Uint32(data[pos:]))
			pos += 4
		}
		u16 = u16[:0]
		got := 0
		for {
			need := nchars - got
			if opt&0x01 != 0 {
				avail := min((len(data)-pos)/2, need)
				for i := 0; i < avail; i++ {
					u16 = append(u16, binary.LittleEndian.Uint16(data[pos+2*i:]))
				}
				pos += 2 * avail
				got += avail
			} else {
				avail := min(len(data)-pos, need)
				for _, c := range data[pos : pos+avail] {
					u16 = append(u16, uint16(c)) // Latin-1
				}
				pos += avail
				got += avail
			}
			if got >= nchars {
				break
			}
			si++
			if si >= len(segs) || len(segs[si]) < 1 {
				return out, errBIFF
			}
			data = segs[si]
			opt = opt&^0x01 | data[0]&0x01
			pos = 1
		}
		// Decoded once, so a surrogate pair split across records survives.
		out = append(out, string(utf16.Decode(u16)))
		if !skip(4*runs + ext) {
			if len(out) == unique {
				break
			}
			return out, errBIFF
		}
	}
	return out, nil
}

func (b *xlsBook) Sheets() []string {
	names := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		names[i] = s.name
	}
	return names
}

func (b *xlsBook) Close() error { b.stream = nil; return nil }

type xlsCell struct {
	row, col int
	text     string
}

func (b *xlsBook) Rows(ctx context.Context, sheet string, fn func(num int, cells []string) error) error {
	i := slices.IndexFunc(b.sheets, func(s xlsSheet) bool { return s.name == sheet })
	if i < 0 {
		return &FileError{Path: b.path, Sheet: sheet, Reason: "工作簿中没有这个工作表", Err: ErrNoSheet}
	}
	cells, err := b.sheetCells(b.sheets[i].offset)
	if err != nil {
		return &FileError{Path: b.path, Sheet: sheet, Reason: reasonCorrupt, Err: err}
	}
	// Cells come row by row in practice; sort to be sure.
	slices.SortStableFunc(cells, func(a, c xlsCell) int {
		if a.row != c.row {
			return a.row - c.row
		}
		return a.col - c.col
	})
	var row []string
	n := 0
	for j := 0; j < len(cells); {
		r := cells[j].row
		row = row[:0]
		for ; j < len(cells) && cells[j].row == r; j++ {
			c := cells[j]
			for len(row) < c.col {
				row = append(row, "")
			}
			if len(row) == c.col {
				row = append(row, c.text)
			} else {
				row[c.col] = c.text // duplicate cell record: last wins
			}
		}
		out := trimTrailing(row)
		if len(out) == 0 {
			continue
		}
		n++
		if err := checkCtx(ctx, n); err != nil {
			return err
		}
		if err := fn(r+1, out); err != nil {
			return err
		}
	}
	return nil
}

// sheetCells decodes the cell records of the worksheet substream at off.
func (b *xlsBook) sheetCells(off int) ([]xlsCell, error) {
	s := b.stream
	typ, _, pos, err := record(s, off)
	if err != nil || typ != recBOF {
		return nil, errBIFF
	}
	var cells []xlsCell
	add := func(d []byte, text string) {
		cells = append(cells, xlsCell{
			row:  int(binary.LittleEndian.Uint16(d)),
			col:  int(binary.LittleEndian.Uint16(d[2:])),
			text: text,
		})
	}
	depth := 1 // embedded charts have their own BOF..EOF
	pendingString := -1
	for pos < len(s) && depth > 0 {
		typ, d, next, err := record(s, pos)
		if err != nil {
			return cells, err
		}
		pos = next
		if typ == recBOF {
			depth++
			continue
		}
		if typ == recEOF {
			depth--
			continue
		}
		if depth != 1 {
			continue
		}
		switch typ {
		case recNUMBER:
			if len(d) >= 14 {
				add(d, formatNumber(math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))))
			}
		case recRK:
			if len(d) >= 10 {
				add(d, formatNumber(rkValue(binary.LittleEndian.Uint32(d[6:]))))
			}
		case recMULRK:
			if len(d) < 6 {
				continue
			}
			row := int(binary.LittleEndian.Uint16(d))
			col := int(binary.LittleEndian.Uint16(d[2:]))
			for p := 4; p+6 <= len(d)-2; p += 6 {
				cells = append(cells, xlsCell{row: row, col: col,
					text: formatNumber(rkValue(binary.LittleEndian.Uint32(d[p+2:])))})
				col++
			}
		case recLABELSST:
			if len(d) >= 10 {
				idx := int(binary.LittleEndian.Uint32(d[6:]))
				if idx < 0 || idx >= len(b.sst) {
					return cells, fmt.Errorf("shared string %d of %d: %w", idx, len(b.sst), errBIFF)
				}
				add(d, b.sst[idx])
			}
		case recLABEL, recRSTRING:
			if len(d) >= 9 {
				t, err := xlString(d[6:])
				if err != nil {
					return cells, err
				}
				add(d, t)
			}
		case recBOOLERR:
			if len(d) >= 8 {
				add(d, boolErrText(d[6], d[7] != 0))
			}
		case recFORMULA:
			if len(d) < 14 {
				continue
			}
			res := d[6:14]
			if res[6] == 0xFF && res[7] == 0xFF {
				switch res[0] {
				case 0: // string: the value follows in a STRING record
					add(d, "")
					pendingString = len(cells) - 1
				case 1:
					add(d, boolErrText(res[2], false))
				case 2:
					add(d, boolErrText(res[2], true))
				case 3:
					// empty string result: nothing to add
				}
			} else {
				add(d, formatNumber(math.Float64frombits(binary.LittleEndian.Uint64(res))))
			}
		case recSTRING:
			if pendingString >= 0 {
				if t, err := xlString(d); err == nil {
					cells[pendingString].text = t
				}
				pendingString = -1
			}
		}
	}
	return cells, nil
}

// rkValue decodes an RK number: a 30-bit signed integer or the high 30 bits
// of a float64, optionally divided by 100.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&0x02 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&0xFFFFFFFC) << 32)
	}
	if rk&0x01 != 0 {
		v /= 100
	}
	return v
}

func boolErrText(v byte, isErr bool) string {
	if !isErr {
		if v != 0 {
			return "1" // as excelize returns a raw boolean cell
		}
		return "0"
	}
	switch v {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2A:
		return "#N/A"
	}
	return "#N/A"
}

// formatNumber writes a cell number as its shortest round-trip text: integers
// below 10^15 in full ("198", "12345678"), other numbers in plain decimal
// ("1103.95"), and numbers of 10^15 or more (beyond Excel's 15 significant
// digits, e.g. an ID typed into a number cell) or below 10^-9 in exponent
// notation ("1.5052119901004102e+17"), so the caller can see digits were lost.
func formatNumber(v float64) string {
	a := math.Abs(v)
	switch {
	case v == 0:
		return "0"
	case a >= 1e15 || a < 1e-9 || math.IsNaN(v):
		return strconv.FormatFloat(v, 'g', -1, 64)
	case v == math.Trunc(v):
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
