package normalize

import (
	"errors"
	"math/big"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

func FuzzID(f *testing.F) {
	for _, tt := range idTests {
		f.Add(tt.Input)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		id, valid, err := ID(raw)
		if err != nil {
			if err != ErrIDEmpty && err != ErrIDScientific && err != ErrIDMalformed {
				t.Fatalf("ID(%q): unexpected error %v", raw, err)
			}
			if id != "" || valid {
				t.Fatalf("ID(%q) = %q, %v with error %v", raw, id, valid, err)
			}
			return
		}
		if len(id) != 18 || !idShape(id) {
			t.Fatalf("ID(%q) = %q: not 17 digits + digit/X", raw, id)
		}
		if valid {
			if CheckChar(id) != id[17] {
				t.Fatalf("ID(%q) = %q valid, but check char should be %q", raw, id, CheckChar(id))
			}
			if _, ok := BirthDate(id); !ok {
				t.Fatalf("ID(%q) = %q valid, but birth date impossible", raw, id)
			}
		}
		// Normalising again changes nothing.
		id2, valid2, err2 := ID(id)
		if id2 != id || valid2 != valid || err2 != nil {
			t.Fatalf("ID(ID(%q)) = %q, %v, %v; want %q, %v", raw, id2, valid2, err2, id, valid)
		}
		if m := MaskID(id); len(m) != 18 || strings.Contains(m, id[6:14]) && id[6:14] != "********" {
			t.Fatalf("MaskID(%q) = %q", id, m)
		}
	})
}

func FuzzTrimSpace(f *testing.F) {
	for _, s := range []string{"", " ", "张三", " 张三 ", "\u3000张\u3000", "\u00a0x\u0085", "a\u2028", "\u1680", "\xe2\x80", "\xc2", "x\xe3\x80\x80", "\xe3\x80\x80\xe3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := TrimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("TrimSpace(%q) = %q, strings.TrimSpace = %q", s, got, want)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, tt := range parseDateTests {
		f.Add(tt.Input)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		d, err := ParseDate(raw)
		if err != nil {
			var fe *FieldError
			if err != ErrDateEmpty && !errors.As(err, &fe) {
				t.Fatalf("ParseDate(%q): error %T %v", raw, err, err)
			}
			if fe != nil {
				checkErrorText(t, raw, fe.Error())
			}
			return
		}
		y, _, _ := d.Civil()
		if y < 1900 || y > 9999 {
			t.Fatalf("ParseDate(%q) = %v: year out of range", raw, d)
		}
		s := d.String()
		d2, err := ParseDate(s)
		if err != nil || d2 != d {
			t.Fatalf("ParseDate(%q) = %v; ParseDate(%q) = %v, %v", raw, d, s, d2, err)
		}
		if s != d.Time().Format("2006-01-02") {
			t.Fatalf("String %s disagrees with Time %v", s, d.Time())
		}
	})
}

var plainDecimal = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$`)

func FuzzParseMoney(f *testing.F) {
	for _, tt := range parseMoneyTests {
		f.Add(tt.Input)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if p, ok := plainFen(raw); ok {
			if f, ok := parseDecimalFen(Fold(raw)); !ok || f != p {
				t.Fatalf("plainFen(%q) = %d; the whole parse gives %d, %v", raw, p, f, ok)
			}
		}
		v, err := ParseMoney(raw)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("ParseMoney(%q): error %T %v", raw, err, err)
			}
			checkErrorText(t, raw, fe.Error())
			return
		}
		if v > maxFen || v < -maxFen {
			t.Fatalf("ParseMoney(%q) = %d beyond the bound", raw, v)
		}
		s := v.String()
		v2, err := ParseMoney(s)
		if err != nil || v2 != v {
			t.Fatalf("ParseMoney(%q) = %v; ParseMoney(%q) = %v, %v", raw, v, s, v2, err)
		}
		// Oracle: exact rational arithmetic for plain decimal text.
		folded := Fold(raw)
		if plainDecimal.MatchString(folded) {
			r, ok := new(big.Rat).SetString(folded)
			if !ok {
				return
			}
			r.Mul(r, big.NewRat(100, 1))
			neg := r.Sign() < 0
			r.Abs(r)
			r.Add(r, big.NewRat(1, 2))
			q := new(big.Int).Quo(r.Num(), r.Denom()) // floor for positives
			if neg {
				q.Neg(q)
			}
			if !q.IsInt64() || q.Int64() != int64(v) {
				t.Fatalf("ParseMoney(%q) = %d, exact rounding gives %s", raw, v, q)
			}
		}
	})
}

func FuzzName(f *testing.F) {
	for _, s := range []string{"张三", " 张 三 ", "\ufeff张三\u200b", "张\xe4", "\xef\xbb", "额尔德木图·吉日嘎拉", "额尔德木图．吉日嘎拉", "哈斯・白音仓", "ＡＢＣ", "\u3000", "\xff", "ｱｲｳ", "ア・イ", "YKT2022040000000001", "YKT202204000000000１", "12345678ａbcdefghＢ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		n := Name(raw)
		for _, r := range n {
			if isNameDrop(r) {
				t.Fatalf("Name(%q) = %q still holds %q", raw, n, r)
			}
		}
		if n2 := Name(n); n2 != n {
			t.Fatalf("Name not idempotent: Name(%q) = %q, Name(%q) = %q", raw, n, n, n2)
		}
		// The fast paths agree with the plain definitions.
		if got, want := Fold(raw), strings.TrimFunc(width.Narrow.String(raw), isTrimmed); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", raw, got, want)
		}
		// Runes dropped by strings.Map, where there is any to drop.
		without := func(s string, dropped func(rune) bool) string {
			if strings.IndexFunc(s, dropped) < 0 {
				return s
			}
			return strings.Map(func(r rune) rune {
				if dropped(r) {
					return -1
				}
				return r
			}, s)
		}
		if want := without(Fold(raw), isNameDrop); n != want {
			t.Fatalf("Name(%q) = %q, want %q", raw, n, want)
		}
		if f := FoldedName(Fold(raw)); f != n {
			t.Fatalf("FoldedName(Fold(%q)) = %q, Name = %q", raw, f, n)
		}
		if got, want := compact(raw), without(Fold(raw), isInvisibleOrSpace); got != want {
			t.Fatalf("compact(%q) = %q, want %q", raw, got, want)
		}
		if fo := Fold(raw); Fold(fo) != fo {
			t.Fatalf("Fold not idempotent on %q", raw)
		}
	})
}

// checkErrorText: an error never repeats a full ID number of the input and
// is valid UTF-8.
func checkErrorText(t *testing.T, raw, msg string) {
	t.Helper()
	if !utf8.ValidString(msg) {
		t.Fatalf("error for %q is not UTF-8: %q", raw, msg)
	}
	if idLike.MatchString(msg) {
		t.Fatalf("error for %q shows an ID: %q", raw, msg)
	}
}

var idLike = regexp.MustCompile(`[0-9]{15}`)
