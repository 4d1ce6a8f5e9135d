package read

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

type textKind int

const (
	kindBinary textKind = iota
	kindText            // CSV or TSV
	kindHTML            // an HTML table ("Excel export" of many web systems)
	kindXMLSS           // Excel 2003 XML spreadsheet
)

// textInfo is what sniffing found out about a text file.
type textInfo struct {
	kind    textKind
	bom     int               // bytes of byte-order mark to skip
	enc     encoding.Encoding // nil: UTF-8
	encName string            // for messages and tests: "UTF-8", "UTF-8 BOM", "GB18030", "UTF-16LE", ...
	comma   rune              // ',' or '\t'
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// sniffText decides whether head (the first bytes of a file) is text, which
// encoding it is in, and whether it is HTML, CSV or TSV.
func sniffText(head []byte) textInfo {
	var ti textInfo
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		ti.bom, ti.encName = 3, "UTF-8 BOM"
	case bytes.HasPrefix(head, bomUTF16LE):
		ti.bom, ti.enc, ti.encName = 2, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16LE"
	case bytes.HasPrefix(head, bomUTF16BE):
		ti.bom, ti.enc, ti.encName = 2, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16BE"
	default:
		if bytes.IndexByte(head, 0) >= 0 {
			// UTF-16 without a byte-order mark, or binary.
			if le, be := utf16Guess(head); le {
				ti.enc, ti.encName = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16LE"
			} else if be {
				ti.enc, ti.encName = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16BE"
			} else {
				return ti // binary
			}
		} else if validUTF8Prefix(head) || mostlyUTF8(head) {
			ti.encName = "UTF-8"
		} else {
			ti.enc, ti.encName = simplifiedchinese.GB18030, "GB18030"
		}
	}
	body := head[ti.bom:]
	text := body
	if ti.enc != nil {
		if d, err := ti.enc.NewDecoder().Bytes(body); err == nil {
			text = d
		} else {
			return textInfo{}
		}
	}
	if !looksLikeText(text) {
		return textInfo{}
	}
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '<' {
		lower := strings.ToLower(string(trimmed[:min(len(trimmed), sniffLen)]))
		if strings.Contains(lower, "urn:schemas-microsoft-com:office:spreadsheet") && strings.Contains(lower, "<workbook") {
			ti.kind = kindXMLSS
			return ti
		}
		if strings.Contains(lower, "<table") || strings.Contains(lower, "<html") {
			ti.kind = kindHTML
			if ti.bom == 0 && ti.enc == nil || ti.encName == "GB18030" {
				// No BOM: a <meta charset> wins over the guess.
				if e, name := metaCharset(lower); e != nil {
					ti.enc, ti.encName = e, name
				}
			}
			return ti
		}
	}
	ti.kind = kindText
	ti.comma = sniffComma(text)
	return ti
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing b to end in the
// middle of a character (b is a prefix of a file).
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for i := 1; i <= 3 && i < len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			return utf8.Valid(b[:len(b)-i]) && !utf8.FullRune(b[len(b)-i:])
		}
	}
	return false
}

// mostlyUTF8 reports whether b is UTF-8 with a few stray invalid bytes (a
// UTF-8 export with a damaged cell): many valid multi-byte characters and few
// invalid bytes. GBK text is almost never valid UTF-8 for more than a
// character or two.
func mostlyUTF8(b []byte) bool {
	var multi, bad int
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			multi++
		}
		b = b[size:]
	}
	return multi >= 10*bad && multi >= 4
}

// utf16Guess looks at where the zero bytes are: ASCII in UTF-16LE has zeros
// at odd offsets, in UTF-16BE at even ones.
func utf16Guess(b []byte) (le, be bool) {
	var even, odd int
	n := min(len(b), 4096) &^ 1
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	if half == 0 {
		return false, false
	}
	return odd > half/3 && even < half/20, even > half/3 && odd < half/20
}

// looksLikeText rejects binary content: NUL bytes or more than a few control
// characters other than tab, CR, LF and form feed.
func looksLikeText(b []byte) bool {
	var ctrl, n int
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		switch {
		case r == 0:
			return false
		case r < 0x20 && r != '\t' && r != '\r' && r != '\n' && r != '\f', r == 0x7F:
			ctrl++
		}
	}
	return ctrl*100 <= n // at most 1 %
}

// sniffComma picks tab or comma by counting them on the first line (outside
// double quotes).
func sniffComma(text []byte) rune {
	var tabs, commas int
	inQuote := false
	for _, c := range text {
		switch c {
		case '"':
			inQuote = !inQuote
		case '\n':
			if !inQuote {
				goto done
			}
		case '\t':
			if !inQuote {
				tabs++
			}
		case ',':
			if !inQuote {
				commas++
			}
		}
	}
done:
	if tabs > commas {
		return '\t'
	}
	return ','
}

// metaCharset finds <meta charset=X> or <meta http-equiv content="...;
// charset=X"> in lower-cased HTML. GB2312 and GBK are read as GB18030, their
// superset (web systems label GBK text as gb2312 all the time).
func metaCharset(lower string) (encoding.Encoding, string) {
	i := strings.Index(lower, "charset=")
	if i < 0 {
		return nil, ""
	}
	s := strings.TrimLeft(lower[i+len("charset="):], `"' `)
	end := strings.IndexAny(s, `"'; />`)
	if end < 0 {
		end = len(s)
	}
	name := s[:end]
	switch {
	case name == "":
		return nil, ""
	case strings.HasPrefix(name, "gb") || name == "cp936" || name == "x-gbk":
		return simplifiedchinese.GB18030, "GB18030"
	case name == "utf-8" || name == "utf8":
		return nil, "UTF-8"
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil, ""
	}
	if e == encoding.Nop || e == unicode.UTF8 {
		return nil, "UTF-8"
	}
	return e, name
}
