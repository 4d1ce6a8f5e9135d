package fastxlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Token kinds produced by scanner.next.
const (
	tokEOF = iota
	tokStart
	tokEnd
	tokText  // character data; s.text is raw (entities not decoded)
	tokCDATA // CDATA section; s.text is raw (no entities)
)

const (
	// initialBufSize is a sheet's buffer: small enough to stay in the
	// core's cache between the inflater writing it and the scan reading
	// it. The 130k county's 520 survey workbooks (about 1 MB of sheet XML
	// each), two sets of six rounds alternating, medians of CPU time: 1.56
	// and 1.67 s at 64 KiB against 1.88 and 1.91 s at 1 MiB (16 KiB 1.63,
	// 32 KiB 1.67, 128 KiB 1.74, 256 KiB 1.77). The big sheets, read
	// through asyncReader, took the same either way.
	initialBufSize = 64 << 10
	// maxTokenSize bounds a single tag, comment or CDATA section held in the
	// buffer at once (character data is streamed in chunks and is not
	// bounded by this).
	maxTokenSize = 1 << 30
)

var errTokenTooLarge = errors.New("fastxlsx: XML token larger than 1 GiB")

// scanner is a minimal, allocation-free XML tokenizer over a stream. It is
// lenient: it does not check well-formedness, it only finds tags, text,
// CDATA, comments, processing instructions and directives. Slices it
// returns (name, attrs, text) point into its buffer and are valid only until
// the next call to next.
type scanner struct {
	src  io.Reader
	buf  []byte
	pos  int
	end  int
	eof  bool
	rerr error // read error other than io.EOF

	name      []byte // start/end tag name (raw, with prefix)
	attrs     []byte // start tag attribute region
	text      []byte // text/CDATA content
	selfClose bool
	pendEnd   bool // emit an End for the self-closing Start just returned
}

// bufSizeFor sizes a scanner's buffer for a zip part whose header says it
// inflates to partSize bytes: no bigger than the part needs (survey
// workbooks come by the hundred, each sheet far under a megabyte, and
// zeroing unused buffer showed in profiles), never bigger than max. A wrong
// size in the header costs nothing worse than the buffer growing.
func bufSizeFor(partSize uint64, max int) int {
	const slack = 4 << 10
	if partSize >= uint64(max) {
		return max
	}
	return int(partSize) + slack
}

func newScanner(src io.Reader, size int) *scanner {
	if size <= 0 {
		size = initialBufSize
	}
	return &scanner{src: src, buf: make([]byte, size)}
}

// fill makes room and reads more data. It returns false when no more data
// can be read (EOF or error).
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.end = n
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxTokenSize {
			s.rerr = errTokenTooLarge
			s.eof = true
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; ; tries++ {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			if err != io.EOF {
				s.rerr = err
			}
			s.eof = true
			return n > 0
		}
		if n > 0 {
			return true
		}
		if tries > 100 {
			s.rerr = io.ErrNoProgress
			s.eof = true
			return false
		}
	}
}

// err reports a read error or a truncated document.
func (s *scanner) err() error { return s.rerr }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// next returns the next token kind.
func (s *scanner) next() int {
	if s.pendEnd {
		s.pendEnd = false
		s.selfClose = false
		return tokEnd
	}
	for {
		if s.pos >= s.end {
			if !s.fill() {
				return tokEOF
			}
			continue
		}
		b := s.buf[s.pos:s.end]
		if b[0] != '<' {
			i := indexByte(b, '<')
			if i >= 0 {
				s.text = b[:i]
				s.pos += i
				return tokText
			}
			if !s.eof && (s.pos > 0 || s.end < len(s.buf)) {
				s.fill()
				continue
			}
			// Buffer is full of text (or at EOF): emit a chunk that does
			// not split an entity reference or a CR LF pair.
			cut := len(b)
			if !s.eof {
				cut = safeTextCut(b)
				if cut == 0 {
					if !s.fill() && !s.eof {
						return tokEOF
					}
					continue
				}
			}
			s.text = b[:cut]
			s.pos += cut
			return tokText
		}
		if len(b) < 2 {
			if !s.fill() {
				// lone '<' at EOF: treat as text
				s.text = b
				s.pos = s.end
				return tokText
			}
			continue
		}
		switch b[1] {
		case '/':
			i := indexByte(b, '>')
			if i < 0 {
				if !s.more() {
					return tokEOF
				}
				continue
			}
			n := b[2:i]
			j := 0
			for j < len(n) && !isSpace(n[j]) {
				j++
			}
			s.name = n[:j]
			s.pos += i + 1
			return tokEnd
		case '?':
			i := bytes.Index(b[2:], []byte("?>"))
			if i < 0 {
				if !s.more() {
					return tokEOF
				}
				continue
			}
			s.pos += 2 + i + 2
			continue
		case '!':
			if len(b) < 9 && !s.eof {
				if !s.more() {
					return tokEOF
				}
				continue
			}
			if bytes.HasPrefix(b, []byte("<!--")) {
				i := bytes.Index(b[4:], []byte("-->"))
				if i < 0 {
					if !s.more() {
						return tokEOF
					}
					continue
				}
				s.pos += 4 + i + 3
				continue
			}
			if bytes.HasPrefix(b, []byte("<![CDATA[")) {
				i := bytes.Index(b[9:], []byte("]]>"))
				if i < 0 {
					if !s.more() {
						return tokEOF
					}
					continue
				}
				s.text = b[9 : 9+i]
				s.pos += 9 + i + 3
				return tokCDATA
			}
			n := directiveEnd(b)
			if n < 0 {
				if !s.more() {
					return tokEOF
				}
				continue
			}
			s.pos += n
			continue
		}
		// Start tag.
		j := 1
		for j < len(b) {
			c := b[j]
			if c == '>' || c == '/' || isSpace(c) {
				break
			}
			j++
		}
		k := j
		complete := false
		for k < len(b) {
			c := b[k]
			if c == '>' {
				complete = true
				break
			}
			if c == '"' || c == '\'' {
				q := indexByte(b[k+1:], c)
				if q < 0 {
					k = len(b)
					break
				}
				k += q + 2
				continue
			}
			k++
		}
		if !complete {
			if !s.more() {
				return tokEOF
			}
			continue
		}
		s.name = b[1:j]
		a := b[j:k]
		s.selfClose = false
		if len(a) > 0 && a[len(a)-1] == '/' {
			s.selfClose = true
			a = a[:len(a)-1]
		} else if len(a) == 0 && k > 1 && b[k-1] == '/' {
			s.selfClose = true
		}
		// name may end with '/' when written as <a/>
		if len(s.name) > 0 && s.name[len(s.name)-1] == '/' {
			s.name = s.name[:len(s.name)-1]
			s.selfClose = true
		}
		s.attrs = a
		s.pos += k + 1
		if s.selfClose {
			s.pendEnd = true
		}
		return tokStart
	}
}

// more reads more data for an incomplete token; false at EOF (the
// truncated token is dropped and the document is reported as truncated).
func (s *scanner) more() bool {
	if s.fill() {
		return true
	}
	if s.rerr == nil {
		s.rerr = errTruncated
	}
	s.pos = s.end
	return false
}

var errTruncated = errors.New("fastxlsx: truncated XML")

// safeTextCut returns how much of a text chunk can be emitted without
// splitting an entity reference or a CR LF pair.
func safeTextCut(b []byte) int {
	n := len(b)
	if i := bytes.LastIndexByte(b, '&'); i >= 0 && bytes.IndexByte(b[i:], ';') < 0 && n-i < 64 {
		n = i
	}
	if n > 0 && b[n-1] == '\r' {
		n--
	}
	return n
}

// directiveEnd returns the length of a <!...> directive at the start of b,
// or -1 if it is incomplete. It mirrors encoding/xml: nested angle
// brackets, quoted strings and comments.
func directiveEnd(b []byte) int {
	depth := 0
	var quote byte
	for i := 2; i < len(b); i++ {
		c := b[i]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '\'', '"':
			quote = c
		case '<':
			if bytes.HasPrefix(b[i:], []byte("<!--")) {
				j := bytes.Index(b[i+4:], []byte("-->"))
				if j < 0 {
					return -1
				}
				i += 4 + j + 2
				continue
			}
			depth++
		case '>':
			if depth == 0 {
				return i + 1
			}
			depth--
		}
	}
	return -1
}

// indexByte is bytes.IndexByte with a cheaper start for the short
// distances typical of tags and cell values.
func indexByte(b []byte, c byte) int {
	n := len(b)
	if n > 16 {
		n = 16
	}
	for i := 0; i < n; i++ {
		if b[i] == c {
			return i
		}
	}
	if len(b) <= 16 {
		return -1
	}
	if i := bytes.IndexByte(b[16:], c); i >= 0 {
		return i + 16
	}
	return -1
}

// localName returns the local part of a qualified name the way
// encoding/xml does: "x:row" -> "row"; names with an empty prefix or local
// part are kept whole.
func localName(n []byte) []byte {
	for i, c := range n {
		if c == ':' {
			if i == 0 || i == len(n)-1 {
				return n
			}
			return n[i+1:]
		}
	}
	return n
}

// isLocal reports whether the qualified name n has local part want.
func isLocal(n []byte, want string) bool {
	if len(n) == len(want) {
		return string(n) == want
	}
	if len(n) > len(want)+1 && n[len(n)-len(want)-1] == ':' {
		return string(localName(n)) == want
	}
	return false
}

// attrIter walks the attributes of a start tag.
type attrIter struct {
	b []byte
}

// next returns the next attribute's raw qualified name and raw value.
func (it *attrIter) next() (name, val []byte, ok bool) {
	b := it.b
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i >= len(b) {
		return nil, nil, false
	}
	j := i
	for j < len(b) && b[j] != '=' && !isSpace(b[j]) {
		j++
	}
	name = b[i:j]
	for j < len(b) && isSpace(b[j]) {
		j++
	}
	if j >= len(b) || b[j] != '=' {
		// attribute without value (not well-formed); skip the name
		it.b = b[j:]
		if len(name) == 0 {
			it.b = nil
			return nil, nil, false
		}
		return name, nil, true
	}
	j++
	for j < len(b) && isSpace(b[j]) {
		j++
	}
	if j >= len(b) {
		it.b = nil
		return name, nil, true
	}
	q := b[j]
	if q != '"' && q != '\'' {
		k := j
		for k < len(b) && !isSpace(b[k]) {
			k++
		}
		it.b = b[k:]
		return name, b[j:k], true
	}
	k := indexByte(b[j+1:], q)
	if k < 0 {
		it.b = nil
		return name, b[j+1:], true
	}
	it.b = b[j+1+k+1:]
	return name, b[j+1 : j+1+k], true
}

func (s *scanner) String() string {
	return fmt.Sprintf("scanner{pos=%d end=%d}", s.pos, s.end)
}
