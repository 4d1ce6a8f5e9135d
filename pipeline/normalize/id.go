package normalize

import (
	"unicode/utf8"
)

// IDError is why a resident ID cell cannot be used at all. Reason is a short
// Chinese text shown to users in rejects.csv; it never contains the ID.
type IDError struct{ Reason string }

func (e *IDError) Error() string { return e.Reason }

// The ways an ID cell is rejected (SPEC §2). All are *IDError.
var (
	ErrIDEmpty      = &IDError{Reason: "身份证号为空"}
	ErrIDScientific = &IDError{Reason: "身份证号被存为数字（科学计数法或小数），已丢失位数"}
	ErrIDMalformed  = &IDError{Reason: "身份证号格式错误"}
)

// idWeights are 2^(17-i) mod 11 for i = 0..16 (GB 11643).
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckTable = "10X98765432"

// CheckChar returns the GB 11643 check character ('0'..'9' or 'X') for the
// first 17 characters of an ID. It returns 0 when first17 is shorter than
// 17 bytes or those bytes are not all ASCII digits. Bytes beyond the 17th
// are ignored, so CheckChar(id18) works too.
func CheckChar(first17 string) byte {
	if len(first17) < 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if !isDigit(c) {
			return 0
		}
		sum += int(c-'0') * idWeights[i]
	}
	return idCheckTable[sum%11]
}

// maxIDBuf bounds the normalised characters an ID cell may hold; longer
// cells are malformed whatever they contain.
const maxIDBuf = 32

// ID normalises a resident ID cell (SPEC §2): Fold, drop every inner space
// (incl. ideographic and zero-width) and hyphen, a leading apostrophe (Excel's
// text marker) or an ="…" wrapper (a CSV formula that keeps Excel from
// converting the ID to a number), x → X. A 15-digit ID is upgraded to 18 (insert "19" after the
// 6-digit region code, append the computed check character); a 20- or
// 22-character 残疾人证号 (ID + category/grade digits) is reduced to its
// first 18 characters.
//
// It returns the 18-character ID and valid = check character right and birth
// date possible (BirthDate). An ID of the right shape (17 digits + digit/X)
// that fails either test is returned with valid=false and err=nil: it is kept
// and reported later. Otherwise err is ErrIDEmpty, ErrIDScientific (Excel
// stored the ID as a number and digits are lost) or ErrIDMalformed.
//
// An already-clean 18-character ID is returned without allocating.
func ID(raw string) (id string, valid bool, err error) {
	s := Fold(raw)
	if len(s) == 18 && idShape(s) {
		return s, idValid(s), nil
	}
	if len(s) > 0 && s[0] == '\'' {
		s = s[1:] // Excel's text marker
	} else if len(s) > 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = s[2 : len(s)-1] // ="…", the CSV trick that keeps Excel from converting
	}

	var buf [maxIDBuf]byte
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '-' || asciiSpace(c):
				continue
			case c == 'x':
				c = 'X'
			}
			if n == len(buf) {
				return "", false, ErrIDMalformed
			}
			buf[n] = c
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isInvisibleOrSpace(r) || isDash(r) {
			continue
		}
		return "", false, ErrIDMalformed
	}
	b := buf[:n]
	switch {
	case n == 0:
		return "", false, ErrIDEmpty
	case looksNumeric(b):
		return "", false, ErrIDScientific
	}

	switch n {
	case 18:
		if !idShapeBytes(b) {
			return "", false, ErrIDMalformed
		}
	case 15:
		if !allDigits(b) {
			return "", false, ErrIDMalformed
		}
		// region(6) + "19" + yymmdd + seq(3) + check
		var up [18]byte
		copy(up[:6], b[:6])
		up[6], up[7] = '1', '9'
		copy(up[8:17], b[6:15])
		up[17] = CheckChar(string(up[:17]))
		id = string(up[:])
		_, ok := BirthDate(id)
		return id, ok, nil
	case 20, 22:
		if !idShapeBytes(b[:18]) || !allDigits(b[18:]) {
			return "", false, ErrIDMalformed
		}
		b = b[:18]
	default:
		return "", false, ErrIDMalformed
	}
	id = string(b)
	return id, idValid(id), nil
}

func isDash(r rune) bool {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D':
		return true
	}
	return false
}

// idShape reports 17 ASCII digits followed by a digit or 'X'.
func idShape(s string) bool {
	if len(s) != 18 {
		return false
	}
	for i := 0; i < 17; i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return isDigit(s[17]) || s[17] == 'X'
}

func idShapeBytes(b []byte) bool {
	if len(b) != 18 {
		return false
	}
	for i := 0; i < 17; i++ {
		if !isDigit(b[i]) {
			return false
		}
	}
	return isDigit(b[17]) || b[17] == 'X'
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// looksNumeric reports the text Excel writes for a number that is not a
// plain integer: "1.50521E+17", "1.5052119901004102E+17",
// "150521199010041000.0". (The 'x' → 'X' mapping has already happened; an
// exponent marker is 'E' or 'e'.)
func looksNumeric(b []byte) bool {
	i := 0
	digits := 0
	for i < len(b) && isDigit(b[i]) {
		i++
		digits++
	}
	if digits == 0 || i == len(b) {
		return false // no leading digit, or a plain integer
	}
	if b[i] == '.' {
		i++
		for i < len(b) && isDigit(b[i]) {
			i++
		}
		if i == len(b) {
			return true // "150521199010041000.0"
		}
	}
	if b[i] != 'E' && b[i] != 'e' {
		return false
	}
	i++
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	exp := 0
	for i < len(b) && isDigit(b[i]) {
		i++
		exp++
	}
	return exp > 0 && i == len(b)
}

// idValid: the check character is right and the birth date possible.
func idValid(id18 string) bool {
	if CheckChar(id18) != id18[17] {
		return false
	}
	_, ok := BirthDate(id18)
	return ok
}

// BirthDate returns the birth date coded in an 18-character ID (characters
// 7..14, YYYYMMDD) and whether it is a real calendar date with the year in
// 1900..2100. It does not look at the check character.
func BirthDate(id18 string) (Date, bool) {
	if len(id18) != 18 {
		return 0, false
	}
	v := 0
	for i := 6; i < 14; i++ {
		c := id18[i]
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	y, m, d := v/10000, v/100%100, v%100
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return civilToDays(y, m, d), true
}

// AgeAt returns the age in whole years on date at of the person with the
// given 18-character ID: the number of birthdays passed, a birthday being
// reached on its month and day (someone born on 29 February turns a year
// older on 1 March in common years). ok is false when the birth date is not
// possible or lies after at.
func AgeAt(id18 string, at Date) (int, bool) {
	b, ok := BirthDate(id18)
	if !ok || at < b {
		return 0, false
	}
	by, bm, bd := daysToCivil(int64(b))
	ay, am, ad := daysToCivil(int64(at))
	age := ay - by
	if am < bm || (am == bm && ad < bd) {
		age--
	}
	return age, true
}
