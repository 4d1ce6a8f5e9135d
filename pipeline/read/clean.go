package read

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// cleanUTF8 reports whether p is valid UTF-8 holding no U+FFFD: what
// utf8.Valid(p) && !bytes.Contains(p, "\uFFFD") reports, in one pass and
// faster over Chinese text, where runs of ASCII (digits, commas) are short.
// Each run of ASCII is crossed a word at a time, up to its first byte that
// is not ASCII, and the bulk of Chinese characters (lead bytes E1–EC, which
// take any two continuation bytes) is checked without decoding.
func cleanUTF8(p []byte) bool {
	i, n := 0, len(p)
	for i < n {
		c := p[i]
		if c < utf8.RuneSelf {
			for i+8 <= n {
				if m := binary.LittleEndian.Uint64(p[i:]) & 0x8080808080808080; m != 0 {
					i += bits.TrailingZeros64(m) >> 3
					break
				}
				i += 8
			}
			for i < n && p[i] < utf8.RuneSelf {
				i++
			}
			continue
		}
		if c-0xE1 < 0xED-0xE1 {
			if i+2 >= n || p[i+1]&0xC0 != 0x80 || p[i+2]&0xC0 != 0x80 {
				return false
			}
			i += 3
			// Chinese characters come in runs: the next ones, a load each.
			for i+4 <= n {
				w := binary.LittleEndian.Uint32(p[i:])
				if w&0xC0C0F0 != 0x8080E0 || byte(w)-0xE1 >= 0xED-0xE1 {
					break
				}
				i += 3
			}
			continue
		}
		// Anything else is decoded; U+FFFD, as a byte that is not UTF-8,
		// comes back as utf8.RuneError.
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError {
			return false
		}
		i += size
	}
	return true
}
