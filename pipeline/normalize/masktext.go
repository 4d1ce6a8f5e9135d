package normalize

import "strings"

// MaskIDsIn masks every resident ID number inside free text (a log line, an
// error message, a panic value): each run of 15 digits, or of 17 digits
// followed by a digit or X/x, standing alone (not part of a longer run of
// digits) becomes MaskID of it; a longer run keeps only its first 6 and last
// 4 digits, so no full ID survives. Anything else is
// returned unchanged.
func MaskIDsIn(s string) string {
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	var out []byte
	last := 0
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		end := j
		if j-i == 17 && j < len(s) && (s[j] == 'X' || s[j] == 'x') {
			end = j + 1
		}
		if n := end - i; n == 15 || n >= 18 {
			if out == nil {
				out = make([]byte, 0, len(s))
			}
			out = append(out, s[last:i]...)
			if n <= 18 {
				out = append(out, MaskID(s[i:end])...)
			} else {
				// A longer run (a 残疾人证号, or digits glued to an ID): keep only its
				// first 6 and last 4, so no 15- or 18-digit run is left behind.
				out = append(out, s[i:i+6]...)
				out = append(out, strings.Repeat("*", n-10)...)
				out = append(out, s[end-4:end]...)
			}
			last = end
		}
		i = end
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}
