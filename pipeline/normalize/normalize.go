// Package normalize holds the cell-level parsers that turn untrusted
// spreadsheet text into canonical values: resident IDs (GB 11643), names,
// dates, money in fen, counts and the enumerations of SPEC §3.
//
// Every function accepts arbitrary input (including invalid UTF-8) without
// panicking. The common already-clean inputs are parsed without allocating.
// No error string produced here ever contains a full 15- or 18-digit ID
// number: values that look like one are masked with MaskID.
//
// Like strings.TrimSpace, the functions returning strings may return a
// substring of their argument when nothing else had to change (that is how
// they avoid allocating). A caller that keeps millions of results taken
// from much larger strings (a whole CSV record) should strings.Clone them.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Fold trims surrounding white space and maps full-width (and other wide)
// characters to their narrow forms, exactly as golang.org/x/text/width.Narrow
// does: "１２３" → "123", U+3000 → ' ', "（" → "(", "￥" → "¥". Nothing else
// changes: no case folding, inner spaces are kept. Note that Narrow also
// maps CJK punctuation and kana that have half-width forms ("。" → "｡",
// "、" → "､", "ア" → "ｱ"): Fold is for matching and parsing; show users
// the original text.
//
// Besides unicode.IsSpace, the trim also removes the invisible U+FEFF (BOM)
// and U+200B (zero-width space) that exports leave at the edges of cells.
//
// Strings that need no narrowing are returned without allocating; others
// cost one allocation.
func Fold(s string) string {
	if i := narrowFrom(s); i >= 0 {
		s = narrow(s, i)
	}
	return trim(s)
}

// narrowFrom returns the byte offset of the first rune width.Narrow would
// change, or -1.
func narrowFrom(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// No ASCII narrows: a run of it (a serial, a date) is crossed
			// a word at a time.
			i++
			for i+8 <= len(s) && asciiWord(s, i) {
				i += 8
			}
			continue
		}
		if cjkAt(s, i) {
			i += 3
			continue
		}
		p, size := lookup(s[i:])
		if p.Narrow() != 0 {
			return i
		}
		i += size
	}
	return -1
}

// asciiWord reports whether the 8 bytes of s from i are all ASCII.
func asciiWord(s string, i int) bool {
	w := s[i : i+8]
	return (uint64(w[0])|uint64(w[1])<<8|uint64(w[2])<<16|uint64(w[3])<<24|
		uint64(w[4])<<32|uint64(w[5])<<40|uint64(w[6])<<48|uint64(w[7])<<56)&0x8080808080808080 == 0
}

// lookup returns the width properties of the first rune of the non-empty
// s and its encoded size. Invalid UTF-8 counts as one byte with zero
// properties (width.Narrow copies such bytes unchanged). width.LookupString
// itself panics on a truncated encoding at the end of s, so it is only
// given whole, valid runes.
func lookup(s string) (width.Properties, int) {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return width.Properties{}, 1
	}
	return width.LookupString(s[:size])
}

// narrow applies width.Narrow to s, whose first from bytes need no change.
// It builds the result directly (one allocation) rather than through
// width.Narrow.String, which allocates a transform buffer as well; FuzzName
// checks the two agree.
func narrow(s string, from int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:from])
	for i := from; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		p, size := lookup(s[i:])
		if r := p.Narrow(); r != 0 {
			b.WriteRune(r)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isTrimmed(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

func trim(s string) string {
	// ASCII fast path for the usual case.
	for len(s) > 0 && s[0] < utf8.RuneSelf && asciiSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] < utf8.RuneSelf && asciiSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	if len(s) == 0 {
		return s
	}
	// Only a character whose lead byte is a space's, U+FEFF's (EF) or
	// U+200B's (E2) can be trimmed: Chinese text at either end is not
	// decoded.
	if c := s[0]; c >= utf8.RuneSelf && (spaceLead(c) || c == 0xEF) {
		if r, _ := utf8.DecodeRuneInString(s); isTrimmed(r) {
			return strings.TrimFunc(s, isTrimmed)
		}
	}
	if n := len(s); s[n-1] >= utf8.RuneSelf && (n >= 2 && s[n-2] == 0xC2 || n >= 3 && (spaceLead(s[n-3]) || s[n-3] == 0xEF)) {
		if r, _ := utf8.DecodeLastRuneInString(s); isTrimmed(r) {
			return strings.TrimFunc(s, isTrimmed)
		}
	}
	return s
}

// cjkAt reports whether s holds, at i, a well-formed character of
// U+4000..U+9FFF (the bulk of Chinese text), which is no space, no
// invisible character, no dot and has no narrow form.
func cjkAt(s string, i int) bool {
	c := s[i]
	return 0xE4 <= c && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80
}

// TrimSpace is strings.TrimSpace, without its slow path for text that
// starts or ends with a character that is not ASCII (as Chinese text does):
// only such a character whose encoding can be a Unicode space's (lead byte
// C2, E1, E2 or E3) sends it there.
func TrimSpace(s string) string {
	if len(s) == 0 || !mayStartWithSpace(s) && !mayEndWithSpace(s) {
		return s
	}
	return strings.TrimSpace(s)
}

func mayStartWithSpace(s string) bool {
	if c := s[0]; c < utf8.RuneSelf {
		return asciiSpace(c)
	}
	return spaceLead(s[0])
}

func mayEndWithSpace(s string) bool {
	n := len(s)
	if c := s[n-1]; c < utf8.RuneSelf {
		return asciiSpace(c)
	}
	return n >= 2 && s[n-2] == 0xC2 || n >= 3 && spaceLead(s[n-3])
}

// spaceLead reports the lead bytes of the non-ASCII spaces: U+0085 and
// U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3).
func spaceLead(c byte) bool { return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 }

func asciiSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}

// isInvisibleOrSpace reports runes dropped from inside IDs, names and
// enumeration values: every Unicode space plus zero-width characters.
func isInvisibleOrSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return asciiSpace(byte(r))
	case r > '\u3000':
		return r == '\uFEFF'
	}
	return unicode.IsSpace(r) || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060'
}

// compact returns Fold(s) with every space and zero-width character
// removed. It is the key used to match enumeration values.
func compact(s string) string {
	s = Fold(s)
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && !asciiSpace(c) {
			i++
			continue
		}
		if cjkAt(s, i) {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isInvisibleOrSpace(r) {
			return strings.Map(func(r rune) rune {
				if isInvisibleOrSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		i += size
	}
	return s
}

// FieldError reports a cell value that could not be parsed, for dates and
// money. Error renders it in Chinese, e.g. 日期"2022-13-01"无法识别.
// Value never holds a full ID number (see MaskID).
type FieldError struct {
	Field  string // 日期, 金额, …
	Value  string // the cell as seen (folded, shortened, IDs masked)
	Reason string // 无法识别, …
}

func (e *FieldError) Error() string {
	return e.Field + `"` + MaskIDs(e.Value) + `"` + e.Reason
}

// maxErrorValue bounds the number of runes of a cell quoted in an error.
const maxErrorValue = 40

func newFieldError(field, raw, reason string) *FieldError {
	v := Fold(raw)
	if !utf8.ValidString(v) {
		v = strings.ToValidUTF8(v, "\uFFFD")
	}
	if utf8.RuneCountInString(v) > maxErrorValue {
		n := 0
		for i := range v {
			if n == maxErrorValue {
				v = v[:i] + "…"
				break
			}
			n++
		}
	}
	return &FieldError{Field: field, Value: MaskIDs(v), Reason: reason}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
