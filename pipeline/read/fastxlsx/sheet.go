package fastxlsx

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Rows streams a sheet. For each row that has at least one cell with a
// value (or a formula), fn is called with the row's 1-based number (its r
// attribute, or counted when absent) and its cells: cells[i] is the text of
// column i (A=0), gaps filled with "". The row ends at its last cell that
// has a value or a formula (a formula cell with an empty cached value
// yields "", as in excelize). fn must not retain cells: the slice is reused
// (the strings themselves may be kept). Rows stops and returns fn's error,
// and checks ctx every 1024 rows.
//
// The sequence is exactly what excelize's iterator yields with
// RawCellValue, taking the iterator's row counter as num and leaving out
// the rows for which Columns returns no cells.
func (w *Workbook) Rows(ctx context.Context, sheet string, fn func(num int, cells []string) error) error {
	if w.closed {
		return fmt.Errorf("fastxlsx: workbook is closed")
	}
	f, err := w.sheetFile(sheet)
	if err != nil {
		return err
	}
	rc, err := w.openPart(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	var src io.Reader = rc
	if useAsync(f.UncompressedSize64) {
		a := newAsyncReader(rc)
		defer a.stop() // runs before rc.Close
		src = a
	}
	r := &sheetReader{
		s:       newScanner(src, bufSizeFor(f.UncompressedSize64, initialBufSize)),
		sst:     w.sst,
		maxCols: w.opts.MaxColumns,

		markLostDigits: w.opts.MarkLostDigits,
		needCached:     w.opts.NeedCachedValues,
	}
	if err := r.run(ctx, fn); err != nil {
		return fmt.Errorf("fastxlsx: sheet %q: %w", sheet, err)
	}
	return nil
}

type cellRef struct {
	s    string // the value when it is not in the arena
	a, b int    // arena span when b > a
}

const (
	typeNumber = iota // no t attribute, or t="n"
	typeOther         // t="str", "b", "e", …
	typeShared
	typeInline
)

type sheetReader struct {
	s       *scanner
	sst     *sst
	maxCols int
	// markLostDigits: see Options.MarkLostDigits.
	markLostDigits bool
	// needCached: see Options.NeedCachedValues.
	needCached bool
	row        int // the row being read, for NeedCachedValues' error

	refs    []cellRef
	cells   []string
	arena   []byte
	cName   []byte
	refBuf  []byte
	scratch []byte
	is      siDecoder
}

// rowAttr mirrors excelize's attrValToInt("r", attrs).
func (r *sheetReader) rowAttr(attrs []byte) (int, error) {
	it := attrIter{b: attrs}
	val := 0
	for {
		n, v, ok := it.next()
		if !ok {
			return val, nil
		}
		if string(localName(n)) != "r" {
			continue
		}
		var err error
		val, err = atoi(decodeAttr(v, &r.scratch))
		if err != nil {
			return val, fmt.Errorf("row attribute r=%q: %w", v, err)
		}
	}
}

// run is a port of the state machine formed by excelize's Rows.Next and
// Rows.Columns, driven the way a caller does: for rows.Next() { Columns }.
func (r *sheetReader) run(ctx context.Context, fn func(int, []string) error) error {
	s := r.s
	curRow, seekRow := 0, 0
	pending := false // a row start consumed by Next, not yet by Columns
	pendNum, pendErr := 0, error(nil)
	calls := 0
	for {
		calls++
		if calls&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		seekRow++
		if curRow < seekRow {
			// Rows.Next: find the next row start.
		next:
			for {
				switch s.next() {
				case tokEOF:
					return s.err()
				case tokStart:
					if isLocal(s.name, "row") {
						curRow++
						n, err := r.rowAttr(s.attrs)
						if n > totalRows {
							return fmt.Errorf("%w: r=%d", ErrMaxRows, n)
						}
						if n != 0 {
							curRow = n
						}
						pending, pendNum, pendErr = true, n, err
						break next
					}
				case tokEnd:
					if isLocal(s.name, "sheetData") {
						return s.err()
					}
				}
			}
		}
		if curRow > seekRow {
			// Columns returns nothing for the rows in between.
			seekRow = curRow
		}
		r.row = seekRow
		// Rows.Columns.
		r.refs = r.refs[:0]
		r.arena = r.arena[:0]
		cellCol := 0
	columns:
		for {
			var k int
			if pending {
				k = tokStart
			} else {
				if !s.pendEnd {
					handled, err := r.fastCell(&cellCol)
					if err != nil {
						return err
					}
					if handled {
						continue
					}
				}
				k = s.next()
			}
			switch k {
			case tokEOF:
				if err := s.err(); err != nil {
					return err
				}
				break columns
			case tokStart:
				if pending || isLocal(s.name, "row") {
					n, err := pendNum, pendErr
					if !pending {
						n, err = r.rowAttr(s.attrs)
					}
					if n > totalRows {
						return fmt.Errorf("%w: r=%d", ErrMaxRows, n)
					} else if n != 0 {
						curRow = n
					} else if !pending {
						curRow++
					}
					pending = false
					if err != nil {
						// excelize's Columns returns this error at once.
						return err
					}
					if curRow > seekRow {
						break columns
					}
					continue
				}
				if isLocal(s.name, "c") {
					if err := r.cell(&cellCol); err != nil {
						return err
					}
				}
				continue
			case tokEnd:
				if isLocal(s.name, "sheetData") {
					break columns
				}
			}
		}
		if len(r.refs) > 0 {
			if err := fn(seekRow, r.fillCells()); err != nil {
				return err
			}
		}
	}
}

func (r *sheetReader) fillCells() []string {
	var str string
	if len(r.arena) > 0 {
		str = string(r.arena)
	}
	cells := r.cells[:0]
	for _, c := range r.refs {
		if c.b > c.a {
			cells = append(cells, str[c.a:c.b])
		} else {
			cells = append(cells, c.s)
		}
	}
	r.cells = cells
	return cells
}

// cell handles a <c> start tag just returned by the scanner: a port of
// excelize's rowXMLHandler/cellXMLHandler/getValueFrom (raw values).
func (r *sheetReader) cell(cellCol *int) error {
	s := r.s
	ca := r.cellAttrs(s.attrs)
	if !ca.ok {
		ca = r.cellAttrsSlow(s.attrs)
	}
	if ca.attrOK {
		r.cName = append(r.cName[:0], s.name...)
	}
	return r.cellBody(&ca, false, cellCol)
}

// fastCell parses a plain "<c ...>" or "<c .../>" start tag directly from
// the scanner buffer. It returns handled=false, consuming nothing, when
// the tag is not a simple well-formed one that is fully buffered.
func (r *sheetReader) fastCell(cellCol *int) (handled bool, err error) {
	s := r.s
	b := s.buf[s.pos:s.end]
	if len(b) < 4 || b[0] != '<' || b[1] != 'c' || b[2] != ' ' {
		return false, nil
	}
	ca := cellAttrInfo{attrOK: true}
	i := 3
	for {
		if i >= len(b) {
			return false, nil
		}
		c := b[i]
		if c == ' ' {
			i++
			continue
		}
		if c == '>' {
			s.pos += i + 1
			r.cName = append(r.cName[:0], 'c')
			return true, r.cellBody(&ca, false, cellCol)
		}
		if c == '/' {
			if i+1 < len(b) && b[i+1] == '>' {
				s.pos += i + 2
				return true, r.cellBody(&ca, true, cellCol)
			}
			return false, nil
		}
		j := i
		for j < len(b) && b[j] != '=' && b[j] != '>' && b[j] != '/' && !isSpace(b[j]) {
			j++
		}
		if j+1 >= len(b) || b[j] != '=' || (b[j+1] != '"' && b[j+1] != '\'') || j == i {
			return false, nil
		}
		q := b[j+1]
		k := j + 2
		for k < len(b) && b[k] != q {
			if c := b[k]; c == '<' || c == '&' || c == '\r' {
				return false, nil // needs decoding: general path
			}
			k++
		}
		if k >= len(b) {
			return false, nil
		}
		r.handleCellAttrRaw(&ca, b[i:j], b[j+2:k])
		if !ca.attrOK {
			return false, nil
		}
		i = k + 1
	}
}

// cellBody finishes a cell whose start tag has been consumed: its children
// (unless the tag was self-closing and already fully consumed, noChildren)
// and its value.
func (r *sheetReader) cellBody(ca *cellAttrInfo, noChildren bool, cellCol *int) error {
	s := r.s
	*cellCol++
	attrOK, typ := ca.attrOK, ca.typ
	vStart := len(r.arena)
	formula, isSet, fastIS, hasV := false, false, false, false
	if attrOK && !noChildren {
		done := false
		if !s.pendEnd && len(r.cName) == 1 {
			if typ == typeInline && r.fastInline(vStart) {
				done, fastIS = true, true
			} else {
				pos := s.pos
				done = r.fastValue(vStart)
				hasV = s.pos != pos // it consumed a <v>
			}
		}
	children:
		for !done {
			switch s.next() {
			case tokEOF:
				break children
			case tokStart:
				switch {
				case isLocal(s.name, "v"):
					hasV = true
					r.arena = decodeTextElement(s, r.arena[:vStart])
				case isLocal(s.name, "f"):
					formula = true
					if !r.formulaAttrsOK(s.attrs) {
						// excelize's DecodeElement fails here and the
						// rest of the cell is read as row content.
						break children
					}
					skipElement(s)
				case isLocal(s.name, "is"):
					if !isSet {
						r.is.reset()
						isSet = true
					}
					r.is.decode(s)
				}
			case tokEnd:
				if string(s.name) == string(r.cName) {
					break children
				}
			}
		}
	}
	if ca.hasR {
		if ca.colErr != nil {
			return ca.colErr
		}
		*cellCol = ca.col
	}
	ref := cellRef{}
	switch typ {
	case typeShared:
		if v := r.arena[vStart:]; len(v) > 0 {
			idx := sharedIndex(v)
			if idx >= 0 && idx < r.sst.len() {
				ref.s = r.sst.get(idx)
			}
		}
		r.arena = r.arena[:vStart]
	case typeInline:
		if isSet && !fastIS {
			r.arena = r.is.appendValue(r.arena[:vStart])
		}
		ref.a, ref.b = vStart, len(r.arena)
	case typeNumber:
		if r.markLostDigits {
			r.arena = markLostDigits(r.arena, vStart)
		}
		ref.a, ref.b = vStart, len(r.arena)
	default:
		ref.a, ref.b = vStart, len(r.arena)
	}
	if formula && !hasV && !isSet && r.needCached {
		return &NoCachedValueError{Cell: cellName(*cellCol, r.row)}
	}
	if ref.s == "" && ref.b == ref.a && !formula {
		r.arena = r.arena[:vStart]
		return nil
	}
	if *cellCol > r.maxCols {
		return fmt.Errorf("%w: column %d (limit %d)", ErrTooManyCols, *cellCol, r.maxCols)
	}
	for i := len(r.refs) + 1; i < *cellCol; i++ {
		r.refs = append(r.refs, cellRef{})
	}
	r.refs = append(r.refs, ref)
	if len(r.refs) > r.maxCols {
		return fmt.Errorf("%w: %d cells (limit %d)", ErrTooManyCols, len(r.refs), r.maxCols)
	}
	return nil
}

// cellName is A1 notation for a 1-based column and row.
func cellName(col, row int) string {
	var b []byte
	for c := col; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b) + strconv.Itoa(row)
}

// sharedIndex mirrors strconv.Atoi(strings.TrimSpace(v)) including its
// result on error.
func sharedIndex(v []byte) int {
	if len(v) < 10 {
		n := 0
		ok := true
		for _, c := range v {
			if c < '0' || c > '9' {
				ok = false
				break
			}
			n = n*10 + int(c-'0')
		}
		if ok {
			return n
		}
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(v)))
	return n
}

// formulaAttrsOK reports whether encoding/xml can decode the typed
// attributes of an <f> element into excelize's xlsxF.
func (r *sheetReader) formulaAttrsOK(attrs []byte) bool {
	it := attrIter{b: attrs}
	for {
		n, v, ok := it.next()
		if !ok {
			return true
		}
		switch string(localName(n)) {
		case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
			if v = decodeAttr(v, &r.scratch); len(v) == 1 && (v[0] == '0' || v[0] == '1') {
				continue
			}
			if len(v) > 0 {
				if _, err := strconv.ParseBool(strings.TrimSpace(string(v))); err != nil {
					return false
				}
			}
		case "si":
			if v = decodeAttr(v, &r.scratch); len(v) > 0 && !parseInt64OK(v) {
				if _, err := strconv.ParseInt(strings.TrimSpace(string(v)), 10, 64); err != nil {
					return false
				}
			}
		}
	}
}

// fastValue handles the common layout "<v>text</v></c>" directly in the
// scanner buffer. It returns true when the whole cell was consumed; when
// only the <v> element was, the caller continues with the general loop.
// Anything else is left untouched for the general loop.
// fastInline reads the usual inline string cell, <is><t>text</t></is></c>,
// straight from the buffer, like fastValue (survey exports write every text
// cell so). Anything else, or text holding an _xHHHH_ escape, is left to
// the general path.
func (r *sheetReader) fastInline(vStart int) bool {
	const open, close = "<is><t>", "</t></is></c>"
	s := r.s
	b := s.buf[s.pos:s.end]
	if len(b) < len(open) || string(b[:len(open)]) != open {
		return false
	}
	i := indexByte(b[len(open):], '<')
	if i < 0 {
		return false
	}
	text, rest := b[len(open):len(open)+i], b[len(open)+i:]
	if len(rest) < len(close) || string(rest[:len(close)]) != close || indexByte(text, '_') >= 0 {
		return false
	}
	r.arena = appendText(r.arena[:vStart], text)
	s.pos += len(open) + i + len(close)
	return true
}

func (r *sheetReader) fastValue(vStart int) bool {
	s := r.s
	b := s.buf[s.pos:s.end]
	if len(b) < 3 || b[0] != '<' || b[1] != 'v' || b[2] != '>' {
		return false
	}
	i := indexByte(b[3:], '<')
	if i < 0 {
		return false
	}
	e := b[3+i:]
	if len(e) < 4 || e[1] != '/' || e[2] != 'v' || e[3] != '>' {
		return false
	}
	r.arena = appendText(r.arena[:vStart], b[3:3+i])
	p := 3 + i + 4
	e = e[4:]
	if len(e) >= 4 && e[0] == '<' && e[1] == '/' && e[2] == 'c' && e[3] == '>' {
		s.pos += p + 4
		return true
	}
	s.pos += p
	return false
}

// cellAttrInfo is what excelize's cellXMLAttrHandler extracts from a <c>
// start tag (with the r attribute already converted to a column).
type cellAttrInfo struct {
	ok     bool // fast parse succeeded
	attrOK bool // false: s attribute is not an integer (excelize aborts the cell)
	typ    int
	hasR   bool
	col    int
	colErr error
}

func (r *sheetReader) handleCellAttr(ca *cellAttrInfo, name, val []byte) {
	r.handleCellAttrRaw(ca, name, decodeAttr(val, &r.scratch))
}

// handleCellAttrRaw is handleCellAttr for a value that needs no decoding.
func (r *sheetReader) handleCellAttrRaw(ca *cellAttrInfo, name, val []byte) {
	ln := name
	if len(name) != 1 {
		ln = localName(name)
		if len(ln) != 1 {
			return
		}
	}
	switch ln[0] {
	case 'r':
		ca.hasR = len(val) > 0
		if ca.hasR {
			ca.col, ca.colErr = cellColumn(val)
		}
	case 's':
		if !parseInt64OK(val) {
			ca.attrOK = false
		}
	case 't':
		switch string(val) {
		case "s":
			ca.typ = typeShared
		case "inlineStr":
			ca.typ = typeInline
		case "", "n":
			ca.typ = typeNumber
		default:
			ca.typ = typeOther
		}
	}
}

// cellAttrs parses well-formed name="value" attributes; ok is false when
// anything unusual is met, and cellAttrsSlow must be used instead.
func (r *sheetReader) cellAttrs(a []byte) cellAttrInfo {
	ca := cellAttrInfo{attrOK: true}
	i := 0
	for i < len(a) {
		c := a[i]
		if c == ' ' {
			i++
			continue
		}
		j := i
		for j < len(a) && a[j] != '=' && !isSpace(a[j]) {
			j++
		}
		if j+1 >= len(a) || a[j] != '=' || (a[j+1] != '"' && a[j+1] != '\'') || j == i {
			return cellAttrInfo{}
		}
		q := a[j+1]
		k := j + 2
		for k < len(a) && a[k] != q {
			k++
		}
		if k >= len(a) {
			return cellAttrInfo{}
		}
		r.handleCellAttr(&ca, a[i:j], a[j+2:k])
		if !ca.attrOK {
			break
		}
		i = k + 1
	}
	ca.ok = true
	return ca
}

func (r *sheetReader) cellAttrsSlow(a []byte) cellAttrInfo {
	ca := cellAttrInfo{ok: true, attrOK: true}
	it := attrIter{b: a}
	for {
		n, v, ok := it.next()
		if !ok {
			break
		}
		r.handleCellAttr(&ca, n, v)
		if !ca.attrOK {
			break
		}
	}
	return ca
}

// markLostDigits rewrites a number cell's value arena[start:] holding an
// integer of 16 or more digits into exponent form ("150521199010041000" →
// "1.50521199010041E+17"). A spreadsheet number keeps 15 to 17 significant
// digits, so such a value — typically an ID number typed into a numeric
// cell — has lost its last digits, and plain digits would hide that.
func markLostDigits(arena []byte, start int) []byte {
	v := arena[start:]
	digits := v
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) < 16 {
		return arena
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return arena
		}
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil {
		return arena
	}
	return strconv.AppendFloat(arena[:start], f, 'E', -1, 64)
}
