package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// The one masking policy (SPEC §7, §9): an ID number never appears in full
// in a log, an error message or a public list. MaskID masks one ID; MaskIDs
// masks every ID inside free text, in any form ID accepts.

// MaskID masks an ID: its first 6 and last 4 characters with "********"
// between them. A value of 10 characters or fewer shows none of them.
func MaskID(id string) string {
	n := utf8.RuneCountInString(id)
	switch {
	case n == 0:
		return ""
	case n <= 10:
		return "********"
	case n == len(id): // ASCII
		return id[:6] + "********" + id[len(id)-4:]
	}
	r := []rune(id)
	return string(r[:6]) + "********" + string(r[len(r)-4:])
}

// MaskIDs masks every ID number inside free text (a log line, an error
// message, a quoted cell, a panic value). It reads the text as ID does: a
// run of digits (full-width too), with X after 17 of them, and with the
// spaces, hyphens, dashes and invisible characters that ID drops between
// them, is an ID's text once it has 15 such characters or more: each such run
// becomes MaskID of its characters (so "150502 19490413 8864" becomes
// "150502********8864"), and no part of the text left can be read as an ID.
// Shorter runs, dates and amounts are returned unchanged.
func MaskIDs(s string) string {
	var out strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if c, _ := idChar(r); c == 0 || c == 'X' {
			i += size
			continue
		}
		// The run: ID characters and separators, ending at its last character.
		var head [6]byte
		var tail [4]byte
		n, end := 0, i
		for j := i; j < len(s); {
			r, size := utf8.DecodeRuneInString(s[j:])
			c, sep := idChar(r)
			if c == 0 && !sep || c == 'X' && n < 17 {
				break
			}
			j += size
			if c != 0 {
				if n < len(head) {
					head[n] = c
				}
				copy(tail[:], tail[1:])
				tail[3] = c
				n++
				end = j
			}
		}
		if n >= 15 {
			if out.Len() == 0 {
				out.Grow(len(s))
			}
			out.WriteString(s[last:i])
			out.Write(head[:])
			out.WriteString("********")
			out.Write(tail[:])
			last = end
		}
		i = end
	}
	if last == 0 {
		return s
	}
	out.WriteString(s[last:])
	return out.String()
}

// idChar reads r as ID does: c is the digit or 'X' it stands for (after
// width folding), sep whether ID drops it from inside an ID.
func idChar(r rune) (c byte, sep bool) {
	if r >= utf8.RuneSelf {
		if n := width.LookupRune(r).Narrow(); n != 0 {
			r = n
		}
	}
	switch {
	case '0' <= r && r <= '9':
		return byte(r), false
	case r == 'X' || r == 'x':
		return 'X', false
	case r == '-' || isInvisibleOrSpace(r) || isDash(r):
		return 0, true
	}
	return 0, false
}

// Masked reports whether s holds a mask's '*' (full-width too): a key
// copied from a public list or a log, which can find nobody.
func Masked(s string) bool {
	return strings.ContainsAny(s, "*＊")
}
