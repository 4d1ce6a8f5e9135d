package normalize

import (
	"errors"
	"math"
	"strings"
	"testing"
)

var parseMoneyTests = []struct {
	Name   string
	Input  string
	Output Fen
	Error  bool
}{
	{Name: "Integer", Input: "12", Output: 1200},
	{Name: "Decimal", Input: "1234.56", Output: 123456},
	{Name: "OneDecimal", Input: "1234.5", Output: 123450},
	{Name: "Thousands", Input: "1,234.56", Output: 123456},
	{Name: "ThousandsMillions", Input: "1,234,567.89", Output: 123456789},
	{Name: "FullWidthComma", Input: "1，234.56", Output: 123456},
	{Name: "Yuan", Input: "12元", Output: 1200},
	{Name: "YuanDecimal", Input: "1234.5元", Output: 123450},
	{Name: "YuanSpaced", Input: "1234.5 元", Output: 123450},
	{Name: "YenSign", Input: "¥12", Output: 1200},
	{Name: "FullWidthYen", Input: "￥12", Output: 1200},
	{Name: "FullWidthYenDigits", Input: "￥１２．５", Output: 1250},
	{Name: "FullWidthAll", Input: "１，２３４．５６元", Output: 123456},
	{Name: "YenAndYuan", Input: "¥12.00元", Output: 1200},
	{Name: "RMB", Input: "RMB 12", Output: 1200},
	{Name: "Plus", Input: "+12.5", Output: 1250},
	{Name: "Minus", Input: "-12.3", Output: -1230},
	{Name: "MinusYen", Input: "-¥12", Output: -1200},
	{Name: "YenMinus", Input: "¥-12", Output: -1200},
	{Name: "FullWidthMinus", Input: "－１２", Output: -1200},
	{Name: "Spaces", Input: "  1 234.56  ", Output: 123456},
	{Name: "IdeographicSpace", Input: "\u3000188.00\u3000", Output: 18800},
	{Name: "LeadingZeros", Input: "000012.50", Output: 1250},
	{Name: "LeadingPoint", Input: ".5", Output: 50},
	{Name: "TrailingPoint", Input: "5.", Output: 500},
	{Name: "Zero", Input: "0", Output: 0},
	{Name: "ZeroDecimals", Input: "0.00", Output: 0},
	{Name: "NegativeZero", Input: "-0.00", Output: 0},

	// Float text Excel writes.
	{Name: "FloatNoise", Input: "1103.9500000000001", Output: 110395},
	{Name: "FloatNoiseBelow", Input: "1103.9499999999998", Output: 110395},
	{Name: "FloatPointThree", Input: "0.30000000000000004", Output: 30},
	{Name: "FloatPointSeven", Input: "0.7000000000000001", Output: 70},
	{Name: "Exponent", Input: "1.2E3", Output: 120000},
	{Name: "ExponentLower", Input: "1.2e3", Output: 120000},
	{Name: "ExponentPlus", Input: "1.2E+03", Output: 120000},
	{Name: "ExponentNegative", Input: "1.5E-2", Output: 2},
	{Name: "ExponentNegative2", Input: "1.4E-2", Output: 1},
	{Name: "ExponentTiny", Input: "1E-300", Output: 0},
	{Name: "ExponentZeroMantissa", Input: "0E999999", Output: 0},
	{Name: "ExponentLarge", Input: "1.23456789E+10", Output: 1234567890000},

	// Rounding half away from zero to the fen.
	{Name: "HalfUp", Input: "0.005", Output: 1},
	{Name: "BelowHalf", Input: "0.0049999", Output: 0},
	{Name: "HalfNegative", Input: "-0.005", Output: -1},
	{Name: "HalfNegative2", Input: "-2.345", Output: -235},
	{Name: "Half2", Input: "2.345", Output: 235},
	{Name: "Half3", Input: "2.335", Output: 234},
	{Name: "RoundCarry", Input: "9.995", Output: 1000},
	{Name: "RoundCarry2", Input: "99999.999", Output: 10000000},
	{Name: "SmallFraction", Input: "0.0005", Output: 0},
	{Name: "ManyDigits", Input: "1.23456789012345678901234567890", Output: 123},
	{Name: "ManyDigitsHalf", Input: "1.2350000000000000000000000000001", Output: 124},
	{Name: "LongInteger", Input: "123456789012345.67", Output: 12345678901234567},

	// Nothing marks.
	{Name: "Empty", Input: "", Output: 0},
	{Name: "Blank", Input: "   ", Output: 0},
	{Name: "Dash", Input: "-", Output: 0},
	{Name: "EmDash", Input: "—", Output: 0},
	{Name: "DoubleEmDash", Input: "——", Output: 0},
	{Name: "DoubleDash", Input: "--", Output: 0},
	{Name: "FullWidthDash", Input: "－", Output: 0},

	// Errors.
	{Name: "Parens", Input: "(12.00)", Error: true},
	{Name: "Wan", Input: "12万", Error: true},
	{Name: "WanYuan", Input: "12万元", Error: true},
	{Name: "Text", Input: "无", Error: true},
	{Name: "TwoPoints", Input: "12.3.4", Error: true},
	{Name: "TwoSigns", Input: "--12", Error: true},
	{Name: "SignOnly", Input: "+", Error: true},
	{Name: "YenOnly", Input: "¥", Error: true},
	{Name: "PointOnly", Input: ".", Error: true},
	{Name: "ExponentOnly", Input: "E5", Error: true},
	{Name: "ExponentNoDigits", Input: "1E", Error: true},
	{Name: "ExponentNoDigits2", Input: "1E+", Error: true},
	{Name: "TrailingText", Input: "12abc", Error: true},
	{Name: "YuanTwice", Input: "12元元", Error: true},
	{Name: "YuanBefore", Input: "元12", Error: true},
	{Name: "TrailingComma", Input: "12,", Error: true},
	{Name: "LeadingComma", Input: ",12", Error: true},
	{Name: "CommaInFraction", Input: "1.234,5", Error: true},
	{Name: "Percent", Input: "12%", Error: true},
	{Name: "Overflow", Input: "100000000000000000", Error: true},
	{Name: "OverflowExponent", Input: "1E17", Error: true},
	{Name: "OverflowHuge", Input: "1E999999999999", Error: true},
	{Name: "InvalidUTF8", Input: "12\xff", Error: true},
}

func TestParseMoney(t *testing.T) {
	for _, tt := range parseMoneyTests {
		t.Run(tt.Name, func(t *testing.T) {
			f, err := ParseMoney(tt.Input)
			if tt.Error {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "金额" {
					t.Fatalf("ParseMoney(%q) = %v, %v; want a 金额 *FieldError", tt.Input, f, err)
				}
				if !strings.HasPrefix(err.Error(), `金额"`) || !strings.HasSuffix(err.Error(), "无法识别") {
					t.Fatalf("error text %q", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseMoney(%q) error: %v", tt.Input, err)
			}
			if f != tt.Output {
				t.Fatalf("ParseMoney(%q) = %d, want %d", tt.Input, f, tt.Output)
			}
		})
	}
}

func TestMaxFen(t *testing.T) {
	f, err := ParseMoney("90000000000000000")
	if err != nil || f != maxFen {
		t.Errorf("max: %v %v", f, err)
	}
	if _, err := ParseMoney("90000000000000000.01"); err == nil {
		t.Error("above max: no error")
	}
	if f, err := ParseMoney("-90000000000000000"); err != nil || f != -maxFen {
		t.Errorf("min: %v %v", f, err)
	}
}

func TestMoneyErrorMasksID(t *testing.T) {
	_, err := ParseMoney("150521199010041213")
	if err == nil {
		t.Fatal("an 18-digit ID parsed as money")
	}
	if strings.Contains(err.Error(), "150521199010041213") || !strings.Contains(err.Error(), "150521********1213") {
		t.Errorf("error not masked: %q", err)
	}
	_, err = ParseMoney("15052119471014048X元")
	if err == nil || strings.Contains(err.Error(), "19471014") {
		t.Errorf("error not masked: %v", err)
	}
}

func TestFenString(t *testing.T) {
	for _, tt := range []struct {
		f    Fen
		want string
	}{
		{0, "0.00"},
		{1, "0.01"},
		{-1, "-0.01"},
		{10, "0.10"},
		{-1230, "-12.30"},
		{123456789, "1234567.89"},
		{100, "1.00"},
		{math.MaxInt64, "92233720368547758.07"},
		{math.MinInt64, "-92233720368547758.08"},
	} {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("Fen(%d).String() = %q, want %q", int64(tt.f), got, tt.want)
		}
	}
}

func TestParseInt(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"3", 3, true},
		{"3.0", 3, true},
		{"3.00", 3, true},
		{"3.", 3, true},
		{"３", 3, true},
		{"3人", 3, true},
		{"3 人", 3, true},
		{"３人", 3, true},
		{"4口", 4, true},
		{" 12 ", 12, true},
		{"+2", 2, true},
		{"0", 0, true},
		{"", 0, false},
		{"  ", 0, false},
		{"3.5", 0, false},
		{"-1", 0, false},
		{"三", 0, false},
		{"人", 0, false},
		{"3户", 0, false},
		{"99999999999", 0, false},
		{"3,000", 0, false},
	} {
		got, ok := ParseInt(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseInt(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseMoneyNoAllocClean(t *testing.T) {
	for _, in := range []string{"188.00", "1,234.56", "1103.9500000000001", "12元", "-12.5", "", "0"} {
		if n := testing.AllocsPerRun(100, func() { ParseMoney(in) }); n != 0 {
			t.Errorf("ParseMoney(%q): %v allocs, want 0", in, n)
		}
	}
}
