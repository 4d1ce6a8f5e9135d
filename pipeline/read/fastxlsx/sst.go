package fastxlsx

import (
	"errors"
	"io"
)

// sst is the shared-string table: all strings concatenated in one string,
// with offsets. Lookups return substrings (no copy).
type sst struct {
	data string
	off  []uint32 // len(off) == n+1
}

func (t *sst) len() int {
	if len(t.off) == 0 {
		return 0
	}
	return len(t.off) - 1
}

func (t *sst) get(i int) string {
	return t.data[t.off[i]:t.off[i+1]]
}

var errSSTTooLarge = errors.New("fastxlsx: shared strings exceed 4 GiB")

// siDecoder decodes <si>/<is> string items like excelize's xlsxSI: the
// text of the last <t> child, followed by the text of the last <t> of each
// <r> child, with _xHHHH_ escapes decoded over the whole. Phonetic runs
// (<rPh>) and everything else are ignored.
type siDecoder struct {
	t    []byte // last direct <t>
	runs []byte // concatenated run texts
	rt   []byte // scratch for a run's <t>
}

func (d *siDecoder) reset() {
	d.t = d.t[:0]
	d.runs = d.runs[:0]
}

// decode consumes the children of an <si>/<is> element whose start tag has
// just been returned (and which is not self-closing), up to and including
// its end tag. It may be called several times to accumulate like repeated
// DecodeElement calls into the same xlsxSI.
func (d *siDecoder) decode(s *scanner) {
	for {
		switch s.next() {
		case tokEOF:
			return
		case tokEnd:
			return
		case tokStart:
			switch {
			case isLocal(s.name, "t"):
				d.t = decodeTextElement(s, d.t[:0])
			case isLocal(s.name, "r"):
				d.decodeRun(s)
			default:
				skipElement(s)
			}
		}
	}
}

func (d *siDecoder) decodeRun(s *scanner) {
	has := false
	for {
		switch s.next() {
		case tokEOF:
			return
		case tokEnd:
			if has {
				d.runs = append(d.runs, d.rt...)
			}
			return
		case tokStart:
			if isLocal(s.name, "t") {
				d.rt = decodeTextElement(s, d.rt[:0])
				has = true
			} else {
				skipElement(s)
			}
		}
	}
}

// appendValue appends the decoded item text to dst.
func (d *siDecoder) appendValue(dst []byte) []byte {
	if len(d.runs) == 0 {
		return appendBstr(dst, d.t)
	}
	d.t = append(d.t, d.runs...)
	return appendBstr(dst, d.t)
}

// decodeTextElement collects the character data directly inside the element
// whose start tag was just returned (nested elements are skipped), like
// encoding/xml decoding an element into a string.
func decodeTextElement(s *scanner, dst []byte) []byte {
	for {
		switch s.next() {
		case tokEOF:
			return dst
		case tokEnd:
			return dst
		case tokText:
			dst = appendText(dst, s.text)
		case tokCDATA:
			dst = appendCDATA(dst, s.text)
		case tokStart:
			skipElement(s)
		}
	}
}

// skipElement consumes the rest of the element whose start tag was just
// returned.
func skipElement(s *scanner) {
	depth := 1
	for depth > 0 {
		switch s.next() {
		case tokEOF:
			return
		case tokStart:
			depth++
		case tokEnd:
			depth--
		}
	}
}

// readSST parses a sharedStrings part: every <si> child of the root element.
func readSST(r io.Reader, bufSize int) (*sst, error) {
	s := newScanner(r, bufSize)
	t := &sst{off: []uint32{0}}
	var data []byte
	var d siDecoder
	// find the root element
	for {
		k := s.next()
		if k == tokEOF {
			return t, s.err()
		}
		if k == tokStart {
			break
		}
	}
	for {
		switch s.next() {
		case tokEOF:
			if err := s.err(); err != nil {
				return nil, err
			}
			t.data = string(data)
			return t, nil
		case tokEnd:
			// end of root
			t.data = string(data)
			return t, s.err()
		case tokStart:
			if isLocal(s.name, "si") {
				d.reset()
				d.decode(s)
				data = d.appendValue(data)
				if uint64(len(data)) > 1<<32-1 {
					return nil, errSSTTooLarge
				}
				t.off = append(t.off, uint32(len(data)))
			} else {
				skipElement(s)
			}
		}
	}
}
