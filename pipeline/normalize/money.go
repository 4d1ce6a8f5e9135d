package normalize

import (
	"math"
	"strings"
)

// Fen is an exact amount of money in fen (0.01 yuan).
type Fen int64

// String formats f in yuan with two decimals and no thousands separator:
// "-12.30", "0.00", "1234567.89".
func (f Fen) String() string { return string(f.Append(nil)) }

// Append appends f as String formats it.
func (f Fen) Append(dst []byte) []byte {
	var buf [24]byte
	i := len(buf)
	u := uint64(f)
	if f < 0 {
		u = -u // also right for math.MinInt64
	}
	i--
	buf[i] = byte('0' + u%10)
	u /= 10
	i--
	buf[i] = byte('0' + u%10)
	u /= 10
	i--
	buf[i] = '.'
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if f < 0 {
		i--
		buf[i] = '-'
	}
	return append(dst, buf[i:]...)
}

// ParseMoney parses a money cell into exact fen (SPEC §3). It accepts
// thousands separators ("1,234.56"), spaces, full-width digits, a leading
// + or -, a currency mark before the number or after the sign ("￥12",
// "¥12", "-¥12", "RMB12"), the unit 元 after it ("12元", "1234.5元"), and
// the decimal text Excel writes for floats ("1103.9500000000001",
// "0.30000000000000004", "1.2E3"). The value is rounded half away from zero
// to the fen from its decimal digits: no float64 is involved.
//
// An empty cell, or one holding only dashes ("-", "—", "--", "——", a common
// mark for nothing), is 0 with no error. Anything else that is not a number
// — including "(12.00)", "12万", "12.3.4", values beyond ±9e16 yuan — is a
// *FieldError with Field "金额".
func ParseMoney(raw string) (Fen, error) {
	if f, ok := plainFen(raw); ok {
		return f, nil
	}
	s := Fold(raw)
	if s == "" || onlyDashes(s) {
		return 0, nil
	}
	f, ok := parseDecimalFen(s)
	if !ok {
		return 0, newFieldError("金额", raw, "无法识别")
	}
	return f, nil
}

// plainFen parses the cells payment exports hold: "188.00", "-12.5",
// "1200", "198.00元", ASCII digits with at most two decimals, an optional
// minus and the unit, in a fifth of the time of the whole parse. Anything
// else (ok false) is left to it.
func plainFen(s string) (f Fen, ok bool) {
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i = 1
	}
	start := i
	var v uint64
	for i < len(s) && isDigit(s[i]) {
		if i-start == 15 {
			return 0, false // far beyond any payment: the whole parse bounds it
		}
		v = v*10 + uint64(s[i]-'0')
		i++
	}
	if i == start {
		return 0, false
	}
	decimals := 0
	if i < len(s) && s[i] == '.' {
		i++
		for ; decimals < 2 && i < len(s) && isDigit(s[i]); decimals++ {
			v = v*10 + uint64(s[i]-'0')
			i++
		}
	}
	if i+len("元") == len(s) && s[i:] == "元" {
		i = len(s)
	}
	if i != len(s) {
		return 0, false
	}
	for ; decimals < 2; decimals++ {
		v *= 10
	}
	if start == 1 {
		return -Fen(v), true
	}
	return Fen(v), true
}

func onlyDashes(s string) bool {
	for _, r := range s {
		if r != '-' && !isDash(r) {
			return false
		}
	}
	return true
}

// parseDecimalFen parses a folded, non-empty money text. It walks the
// string once and allocates nothing.
//
// The number is read as its significant digits D (leading zeros dropped)
// and the position of the decimal point relative to D's first digit. The
// amount in fen is then the first P = point+2 digits of D, plus one if the
// next digit is 5 or more (half away from zero: only that digit matters).
func parseDecimalFen(s string) (Fen, bool) {
	neg := false
	signSeen, currencySeen := false, false
	i := 0
	// Prefix: sign and currency mark in either order, spaces between.
prefix:
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ':
			i++
		case (c == '+' || c == '-') && !signSeen:
			signSeen = true
			neg = c == '-'
			i++
		default:
			n := 0
			if !currencySeen {
				n = currencyPrefix(s[i:])
			}
			if n == 0 {
				break prefix
			}
			currencySeen = true
			i += n
		}
	}

	var (
		sig       [20]byte // first significant digits
		nsig      int      // significant digits seen (may exceed len(sig))
		intSig    int      // significant digits in the integer part
		leadZeros int      // fraction zeros before the first significant digit
		anyDigit  bool
	)
	for i < len(s) {
		c := s[i]
		switch {
		case isDigit(c):
			anyDigit = true
			if nsig > 0 || c != '0' {
				if nsig < len(sig) {
					sig[nsig] = c - '0'
				}
				nsig++
				intSig++
			}
			i++
			continue
		case (c == ',' || c == ' ') && anyDigit && i+1 < len(s) && isDigit(s[i+1]):
			i++ // thousands separator, or a space between digit groups
			continue
		}
		break
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			anyDigit = true
			c := s[i]
			if nsig > 0 || c != '0' {
				if nsig < len(sig) {
					sig[nsig] = c - '0'
				}
				nsig++
			} else {
				leadZeros++
			}
			i++
		}
	}
	if !anyDigit {
		return 0, false
	}
	exp := 0
	if i < len(s) && (s[i] == 'E' || s[i] == 'e') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		start := i
		for i < len(s) && isDigit(s[i]) {
			if exp < 1e6 {
				exp = exp*10 + int(s[i]-'0')
			}
			i++
		}
		if i == start {
			return 0, false
		}
		if eneg {
			exp = -exp
		}
	}
	// Suffix: spaces and the unit 元 (once).
	for unitSeen := false; i < len(s); {
		if s[i] == ' ' {
			i++
		} else if !unitSeen && strings.HasPrefix(s[i:], "元") {
			unitSeen = true
			i += len("元")
		} else {
			return 0, false
		}
	}

	if nsig == 0 {
		return 0, true
	}
	var p int // number of leading digits of D that make up the fen
	if intSig > 0 {
		p = intSig + exp + 2
	} else {
		p = -leadZeros + exp + 2
	}
	if p > 19 {
		return 0, false // ≥ 1e18 fen
	}
	var v uint64
	for k := 0; k < p; k++ {
		v *= 10
		if k < nsig && k < len(sig) {
			v += uint64(sig[k])
		}
	}
	if p >= 0 && p < nsig && p < len(sig) && sig[p] >= 5 {
		v++
	}
	if v > maxFen {
		return 0, false
	}
	if neg {
		return -Fen(v), true
	}
	return Fen(v), true
}

// maxFen bounds parsed amounts (±9e16 yuan, far above any real figure) so
// that sums over millions of rows cannot overflow int64 easily.
const maxFen = 9_000_000_000_000_000_000

// currencyPrefix returns the byte length of a currency mark at the start of
// s, or 0.
func currencyPrefix(s string) int {
	for _, p := range [...]string{"¥", "￥", "RMB", "CNY"} {
		if strings.HasPrefix(s, p) {
			return len(p)
		}
	}
	return 0
}

// ParseInt parses a count cell such as 家庭人口数: "3", "3.0", "３", "3人",
// "3口", "+3". Empty, negative, fractional or non-numeric cells give false.
func ParseInt(raw string) (int, bool) {
	s := Fold(raw)
	for _, suf := range [...]string{"人", "口"} {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimRight(s[:len(s)-len(suf)], " ")
			break
		}
	}
	if len(s) > 0 && s[0] == '+' {
		s = s[1:]
	}
	n, i := 0, 0
	for i < len(s) && isDigit(s[i]) {
		if n > math.MaxInt32/10 {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, false
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] == '0' {
			i++
		}
	}
	if i != len(s) {
		return 0, false
	}
	return n, true
}
