package fastxlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Limits mirrored from excelize.
const (
	totalRows  = 1048576
	maxColumns = 16384
)

// appendText appends character data with XML entity references decoded and
// line ends normalised the way encoding/xml does (CR LF and lone CR become
// LF). Unknown or malformed references are kept literally (encoding/xml
// would reject the document).
func appendText(dst, src []byte) []byte {
	// fast path: nothing to decode
	clean := true
	for _, c := range src {
		if c == '&' || c == '\r' {
			clean = false
			break
		}
	}
	if clean {
		return append(dst, src...)
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '\r':
			dst = append(dst, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		case '&':
			j := bytes.IndexByte(src[i+1:], ';')
			if j < 0 {
				dst = append(dst, c)
				continue
			}
			ent := src[i+1 : i+1+j]
			if r, ok := decodeEntity(ent); ok {
				dst = utf8.AppendRune(dst, r)
				i += j + 1
				continue
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendCDATA appends CDATA content with line ends normalised.
func appendCDATA(dst, src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return append(dst, src...)
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			dst = append(dst, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func decodeEntity(ent []byte) (rune, bool) {
	switch string(ent) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	base := 10
	digits := ent[1:]
	if digits[0] == 'x' {
		base = 16
		digits = digits[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	var v uint64
	for _, c := range digits {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case base == 16 && c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		v = v*uint64(base) + uint64(d)
		if v > utf8.MaxRune {
			return 0, false
		}
	}
	r := rune(v)
	if !isInCharacterRange(r) {
		return 0, false
	}
	return r, true
}

// isInCharacterRange is encoding/xml's check for the XML Char production.
func isInCharacterRange(r rune) bool {
	return r == 0x09 ||
		r == 0x0A ||
		r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// decodeAttr returns an attribute value with entities decoded. It returns
// raw itself when nothing needs decoding; otherwise the result is built in
// scratch.
func decodeAttr(raw []byte, scratch *[]byte) []byte {
	clean := true
	for _, c := range raw {
		if c == '&' || c == '\r' {
			clean = false
			break
		}
	}
	if clean {
		return raw
	}
	*scratch = appendText((*scratch)[:0], raw)
	return *scratch
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c-'a') + 10
	default:
		return rune(c-'A') + 10
	}
}

// appendBstr appends s with the OOXML _xHHHH_ escapes decoded exactly as
// excelize's bstrUnmarshal does: matches of _x[0-9A-Fa-f]{4}_ are replaced
// left to right without overlap; _x005F_ becomes "_"; a value that is not
// a valid rune (a UTF-16 surrogate) is dropped.
func appendBstr(dst, s []byte) []byte {
	if bytes.Index(s, []byte("_x")) < 0 {
		return append(dst, s...)
	}
	last := 0
	for i := 0; i+7 <= len(s); {
		if s[i] == '_' && s[i+1] == 'x' && isHex(s[i+2]) && isHex(s[i+3]) && isHex(s[i+4]) && isHex(s[i+5]) && s[i+6] == '_' {
			dst = append(dst, s[last:i]...)
			r := hexVal(s[i+2])<<12 | hexVal(s[i+3])<<8 | hexVal(s[i+4])<<4 | hexVal(s[i+5])
			if utf8.ValidRune(r) {
				dst = utf8.AppendRune(dst, r)
			}
			i += 7
			last = i
			continue
		}
		i++
	}
	return append(dst, s[last:]...)
}

// atoi mirrors strconv.Atoi including its results on error (0 for syntax
// errors, the clamped value for range errors).
func atoi(b []byte) (int, error) {
	if n := len(b); n > 0 && n < 19 {
		v := 0
		ok := true
		for _, c := range b {
			if c < '0' || c > '9' {
				ok = false
				break
			}
			v = v*10 + int(c-'0')
		}
		if ok {
			return v, nil
		}
	}
	return strconv.Atoi(string(b))
}

// parseInt64OK reports whether strconv.ParseInt(b, 10, 64) succeeds.
func parseInt64OK(b []byte) bool {
	if n := len(b); n > 0 && n < 19 {
		ok := true
		for _, c := range b {
			if c < '0' || c > '9' {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	_, err := strconv.ParseInt(string(b), 10, 64)
	return err == nil
}

// ErrInvalidCellRef is wrapped by errors about a malformed cell reference.
var ErrInvalidCellRef = errors.New("fastxlsx: invalid cell reference")

// cellColumn parses a cell reference such as "B12" or "$AA$3" and returns
// the 1-based column number, with the same acceptance rules as excelize's
// CellNameToCoordinates.
func cellColumn(ref []byte) (int, error) {
	// fast path: 1-3 upper-case letters followed by a plain row number
	n := len(ref)
	if n >= 2 && n <= 10 {
		if c := ref[0] - 'A'; c < 26 {
			col, i := int(c)+1, 1
			if c := ref[1] - 'A'; c < 26 {
				col, i = col*26+int(c)+1, 2
				if n > 2 {
					if c := ref[2] - 'A'; c < 26 {
						col, i = col*26+int(c)+1, 3
					}
				}
			}
			if i < n && col <= maxColumns {
				if d := ref[i] - '1'; d < 9 {
					row := int(d) + 1
					ok := true
					for _, c := range ref[i+1:] {
						d := c - '0'
						if d > 9 {
							ok = false
							break
						}
						row = row*10 + int(d)
					}
					if ok && row <= totalRows {
						return col, nil
					}
				}
			}
		}
	}
	return cellColumnSlow(ref)
}

func cellColumnSlow(ref []byte) (int, error) {
	isAlpha := func(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '$' }
	if len(ref) == 0 || !isAlpha(ref[0]) {
		return 0, fmt.Errorf("%w %q", ErrInvalidCellRef, ref)
	}
	i := len(ref) - 1
	for i >= 0 && !isAlpha(ref[i]) {
		i--
	}
	if i >= len(ref)-1 {
		return 0, fmt.Errorf("%w %q", ErrInvalidCellRef, ref)
	}
	row := ref[i+1:]
	if row[0] == '+' {
		row = row[1:]
	}
	if len(row) == 0 {
		return 0, fmt.Errorf("%w %q", ErrInvalidCellRef, ref)
	}
	rv := 0
	for _, c := range row {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%w %q", ErrInvalidCellRef, ref)
		}
		rv = rv*10 + int(c-'0')
		if rv > totalRows {
			return 0, fmt.Errorf("%w %q: row number exceeds %d", ErrInvalidCellRef, ref, totalRows)
		}
	}
	if rv <= 0 {
		return 0, fmt.Errorf("%w %q", ErrInvalidCellRef, ref)
	}
	col, multi, n := 0, 1, 0
	for k := i; k >= 0; k-- {
		c := ref[k]
		switch {
		case c == '$':
			continue
		case c >= 'A' && c <= 'Z':
			col += int(c-'A'+1) * multi
		case c >= 'a' && c <= 'z':
			col += int(c-'a'+1) * multi
		default:
			return 0, fmt.Errorf("%w %q", ErrInvalidCellRef, ref)
		}
		n++
		if col > maxColumns {
			return 0, fmt.Errorf("%w %q: column number exceeds %d", ErrInvalidCellRef, ref, maxColumns)
		}
		multi *= 26
	}
	if n == 0 {
		return 0, fmt.Errorf("%w %q", ErrInvalidCellRef, ref)
	}
	return col, nil
}
