package normalize

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"
)

// Known-valid IDs and 15→18 upgrades below were computed independently of
// this package (Python, from the GB 11643 definition) or taken from the
// conformance inputs.
var idTests = []struct {
	Name  string
	Input string
	ID    string
	Valid bool
	Error error
}{
	{Name: "Clean", Input: "150521199010041213", ID: "150521199010041213", Valid: true},
	{Name: "CleanX", Input: "15052119471014048X", ID: "15052119471014048X", Valid: true},
	{Name: "LowerX", Input: "15052119471014048x", ID: "15052119471014048X", Valid: true},
	{Name: "FullWidthLowerX", Input: "１５０５２１１９４７１０１４０４８ｘ", ID: "15052119471014048X", Valid: true},
	{Name: "FullWidth", Input: "１５０５２１１９９０１００４１２１３", ID: "150521199010041213", Valid: true},
	{Name: "Trim", Input: " \t150521199010041213\r\n", ID: "150521199010041213", Valid: true},
	{Name: "TrimIdeographic", Input: "\u3000150521199010041213\u3000", ID: "150521199010041213", Valid: true},
	{Name: "InnerSpaces", Input: "150502 19490413 8864", ID: "150502194904138864", Valid: true},
	{Name: "InnerIdeographicSpaces", Input: "150502\u300019490413\u30008864", ID: "150502194904138864", Valid: true},
	{Name: "InnerNBSPAndZeroWidth", Input: "150502\u00a019490413\u200b8864", ID: "150502194904138864", Valid: true},
	{Name: "Hyphens", Input: "150502-19490413-8864", ID: "150502194904138864", Valid: true},
	{Name: "FullWidthHyphens", Input: "150502－19490413－8864", ID: "150502194904138864", Valid: true},
	{Name: "EnDash", Input: "150502–19490413–8864", ID: "150502194904138864", Valid: true},
	{Name: "Apostrophe", Input: "'150521199010041213", ID: "150521199010041213", Valid: true},
	{Name: "FormulaWrapper", Input: `="150521199010041213"`, ID: "150521199010041213", Valid: true},
	{Name: "FormulaWrapperUnclosed", Input: `="150521199010041213`, Error: ErrIDMalformed},
	{Name: "BOM", Input: "\ufeff150521199010041213", ID: "150521199010041213", Valid: true},

	// 15-digit IDs: insert 19, append the check character.
	{Name: "Upgrade15", Input: "150502490413886", ID: "150502194904138864", Valid: true},
	{Name: "Upgrade15b", Input: "150521470101001", ID: "150521194701010018", Valid: true},
	{Name: "Upgrade15ToX", Input: "150521620315005", ID: "15052119620315005X", Valid: true},
	{Name: "Upgrade15Leap", Input: "150521880229123", ID: "150521198802291232", Valid: true},
	{Name: "Upgrade15Spaces", Input: "150502 490413 886", ID: "150502194904138864", Valid: true},
	{Name: "Upgrade15Not1900Leap", Input: "150521000229123", ID: "150521190002291238", Valid: false},
	{Name: "Upgrade15BadMonth", Input: "150521901304123", ID: "150521199013041235", Valid: false},

	// 残疾人证号: ID + category + grade digits.
	{Name: "Disability20", Input: "15052119901004121312", ID: "150521199010041213", Valid: true},
	{Name: "Disability20X", Input: "15052119471014048X41", ID: "15052119471014048X", Valid: true},
	{Name: "Disability20LowerX", Input: "15052119471014048x41", ID: "15052119471014048X", Valid: true},
	{Name: "Disability22", Input: "1505211990100412131102", ID: "150521199010041213", Valid: true},
	{Name: "Disability22Spaced", Input: "150521199010041213 11 02", ID: "150521199010041213", Valid: true},
	{Name: "Disability20BadSuffix", Input: "150521199010041213A2", Error: ErrIDMalformed},
	{Name: "Disability21", Input: "150521199010041213123", Error: ErrIDMalformed},

	// Kept but invalid.
	{Name: "WrongCheck", Input: "150521199010041214", ID: "150521199010041214", Valid: false},
	{Name: "WrongCheckX", Input: "15052119901004121X", ID: "15052119901004121X", Valid: false},
	{Name: "ImpossibleDate", Input: "15052119810230264X", ID: "15052119810230264X", Valid: false},
	{Name: "ImpossibleMonth", Input: "150521199013041235", ID: "150521199013041235", Valid: false},
	{Name: "Year1899", Input: "150521189901010000", ID: "150521189901010000", Valid: false},
	// Excel turned 150521199010041213 into a number and back into a 15-significant-digit integer.
	{Name: "ExcelTruncatedInteger", Input: "150521199010041000", ID: "150521199010041000", Valid: false},

	// Excel-mangled: stored as a number.
	{Name: "Scientific", Input: "1.50521E+17", Error: ErrIDScientific},
	{Name: "ScientificLower", Input: "1.50521e+17", Error: ErrIDScientific},
	{Name: "ScientificFull", Input: "1.5052119901004102E+17", Error: ErrIDScientific},
	{Name: "ScientificNoSign", Input: "1.50521E17", Error: ErrIDScientific},
	{Name: "ScientificFullWidth", Input: "１．５０５２１Ｅ＋１７", Error: ErrIDScientific},
	{Name: "Float", Input: "150521199010041000.0", Error: ErrIDScientific},
	{Name: "Float2", Input: "150521199010041213.00", Error: ErrIDScientific},
	{Name: "FloatTrailingPoint", Input: "150521199010041213.", Error: ErrIDScientific},

	{Name: "Empty", Input: "", Error: ErrIDEmpty},
	{Name: "Spaces", Input: " \u3000 ", Error: ErrIDEmpty},
	{Name: "OnlyHyphens", Input: "--", Error: ErrIDEmpty},
	{Name: "Short", Input: "15052119901004", Error: ErrIDMalformed},
	{Name: "Len17", Input: "15052119901004121", Error: ErrIDMalformed},
	{Name: "Len19", Input: "1505211990100412131", Error: ErrIDMalformed},
	{Name: "Letters", Input: "15052119901004A213", Error: ErrIDMalformed},
	{Name: "XInside", Input: "1505211990100412X3", Error: ErrIDMalformed},
	{Name: "Upgrade15X", Input: "15050249041388X", Error: ErrIDMalformed},
	{Name: "Chinese", Input: "无", Error: ErrIDMalformed},
	{Name: "ChineseAfter", Input: "150521199010041213（户主）", Error: ErrIDMalformed},
	{Name: "VeryLong", Input: strings.Repeat("1", 100), Error: ErrIDMalformed},
	{Name: "Negative", Input: "-1.50521E+17", Error: ErrIDScientific},
	{Name: "InvalidUTF8", Input: "150521\xff199010041213", Error: ErrIDMalformed},
}

func TestID(t *testing.T) {
	for _, tt := range idTests {
		t.Run(tt.Name, func(t *testing.T) {
			id, valid, err := ID(tt.Input)
			if !errors.Is(err, tt.Error) {
				t.Fatalf("ID(%q) error = %v, want %v", tt.Input, err, tt.Error)
			}
			if id != tt.ID || valid != tt.Valid {
				t.Fatalf("ID(%q) = %q, %v; want %q, %v", tt.Input, id, valid, tt.ID, tt.Valid)
			}
			if err != nil {
				var ie *IDError
				if !errors.As(err, &ie) {
					t.Fatalf("error %T is not *IDError", err)
				}
				if strings.ContainsAny(err.Error(), "0123456789") {
					t.Fatalf("IDError text contains digits: %q", err.Error())
				}
			}
		})
	}
}

func TestIDErrorReasons(t *testing.T) {
	for err, want := range map[*IDError]string{
		ErrIDEmpty:      "身份证号为空",
		ErrIDScientific: "身份证号被存为数字（科学计数法或小数），已丢失位数",
		ErrIDMalformed:  "身份证号格式错误",
	} {
		if err.Reason != want || err.Error() != want {
			t.Errorf("got %q / %q, want %q", err.Reason, err.Error(), want)
		}
	}
}

// TestIDConformance runs every ID-like value of the conformance inputs;
// the expected normal form and validity were computed independently.
func TestIDConformance(t *testing.T) {
	f, err := os.Open("testdata/conformance_ids.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, invalid := 0, 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("bad line %q", line)
		}
		wantValid := fields[2] == "True"
		id, valid, err := ID(fields[0])
		if err != nil || id != fields[1] || valid != wantValid {
			t.Errorf("ID(%q) = %q, %v, %v; want %q, %v", fields[0], id, valid, err, fields[1], wantValid)
		}
		n++
		if !wantValid {
			invalid++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 800 || invalid == 0 {
		t.Fatalf("testdata too small: %d IDs, %d invalid", n, invalid)
	}
}

func TestCheckChar(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want byte
	}{
		{"15052119901004121", '3'},
		{"15052119471014048", 'X'},
		{"15050219490413886", '4'},
		{"11010519491231002", 'X'},
		{"15052119470101001", '8'},
		{"00000000000000000", '1'},
		{"150521199010041213", '3'}, // 18 chars: the 18th is ignored
		{"1505211990100412", 0},     // too short
		{"1505211990100412a", 0},
		{"", 0},
	} {
		if got := CheckChar(tt.in); got != tt.want {
			t.Errorf("CheckChar(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckCharWeights(t *testing.T) {
	// The weights are 2^(17-i) mod 11.
	for i, w := range idWeights {
		p := 1
		for k := 0; k < 17-i; k++ {
			p = p * 2 % 11
		}
		if p != w {
			t.Errorf("weight %d = %d, want %d", i, w, p)
		}
	}
	// Changing any single digit changes the check character.
	base := "15052119901004121"
	for i := 0; i < 17; i++ {
		for d := byte('0'); d <= '9'; d++ {
			if d == base[i] {
				continue
			}
			b := []byte(base)
			b[i] = d
			if CheckChar(string(b)) == CheckChar(base) {
				t.Errorf("digit %d → %c keeps the check character", i, d)
			}
		}
	}
}

func TestBirthDate(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want string
		ok   bool
	}{
		{"150521199010041213", "1990-10-04", true},
		{"15052119471014048X", "1947-10-14", true},
		{"150521200002291234", "2000-02-29", true},
		{"150521190001011234", "1900-01-01", true},
		{"150521210012311234", "2100-12-31", true},
		{"150521190002291234", "", false}, // 1900 is not a leap year
		{"150521210002291234", "", false}, // nor 2100
		{"150521189912311234", "", false},
		{"150521210101011234", "", false},
		{"150521199000011234", "", false},
		{"150521199001001234", "", false},
		{"150521199004311234", "", false},
		{"15052119900A011234", "", false},
		{"150521199010041", "", false},
	} {
		d, ok := BirthDate(tt.id)
		if ok != tt.ok || (ok && d.String() != tt.want) {
			t.Errorf("BirthDate(%q) = %v, %v; want %s, %v", tt.id, d, ok, tt.want, tt.ok)
		}
	}
}

func TestAgeAt(t *testing.T) {
	asOf := DateOf(2023, 5, 15)
	for _, tt := range []struct {
		id   string
		at   Date
		want int
		ok   bool
	}{
		{"150521199010041213", asOf, 32, true},
		{"150502194904138864", asOf, 74, true},
		{"150521196305150000", asOf, 60, true}, // birthday today
		{"150521196305160000", asOf, 59, true}, // tomorrow
		{"150521196305140000", asOf, 60, true},
		{"150521200002291234", DateOf(2023, 2, 28), 22, true},
		{"150521200002291234", DateOf(2023, 3, 1), 23, true},
		{"150521200002291234", DateOf(2024, 2, 29), 24, true},
		{"150521202305150000", asOf, 0, true},
		{"150521202305160000", asOf, 0, false}, // born after at
		{"150521199013041233", asOf, 0, false},
	} {
		got, ok := AgeAt(tt.id, tt.at)
		if got != tt.want || ok != tt.ok {
			t.Errorf("AgeAt(%q, %v) = %d, %v; want %d, %v", tt.id, tt.at, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIDNoAllocClean(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { ID("150521199010041213") }); n != 0 {
		t.Errorf("ID on a clean ID: %v allocs, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { ID("15052119471014048x") }); n > 1 {
		t.Errorf("ID with lower-case x: %v allocs, want ≤ 1", n)
	}
}
