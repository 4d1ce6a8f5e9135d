package normalize

import (
	"testing"
	"unicode/utf8"
)

func TestMaskID(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"150521199010041213", "150521********1213"},
		{"15052119471014048X", "150521********048X"},
		{"150502490413886", "150502********3886"},
		{"15052119901004121312", "150521********1312"},
		{"１５０５２１１９９０１００４１２１３", "１５０５２１********１２１３"},
		{"12345678901", "123456********8901"},
		{"1234567890", "********"}, // too short to show 6 and 4
		{"12345", "********"},
		{"", ""},
	} {
		if got := MaskID(tt.in); got != tt.want {
			t.Errorf("MaskID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMaskIDs lists every form of an ID that ID accepts, inside text: each
// comes out masked, whatever the form; text without an ID is unchanged.
func TestMaskIDs(t *testing.T) {
	for _, tt := range []struct {
		form, in, want string
	}{
		{"18 digits", "身份证号150521199001011234有误", "身份证号150521********1234有误"},
		{"check X", "id 15052119471014048X.", "id 150521********048X."},
		{"check x", "id 15052119471014048x.", "id 150521********048X."},
		{"spaced", "150502 19490413 8864", "150502********8864"},
		{"spaced twice", "号码 150502  1949 0413  8864 不符", "号码 150502********8864 不符"},
		{"hyphenated", "150502-19490413-8864", "150502********8864"},
		{"dashes", "150502—19490413－8864", "150502********8864"},
		{"full-width", "１５０５２１１９９００１０１１２３４", "150521********1234"},
		{"full-width X and space", "１５０５２１　１９４７１０１４　０４８Ｘ", "150521********048X"},
		{"ideographic space, zero-width", "150521\u3000199001\u200b011234", "150521********1234"},
		{"tab and no-break space", "150521\t199001\u00a0011234", "150521********1234"},
		{"15 digits", "15位 150521900101123 号", "15位 150521********1123 号"},
		{"15 digits spaced", "150521 900101 123", "150521********1123"},
		{"20-character certificate", "残疾人证 15052119900101123412", "残疾人证 150521********3412"},
		{"22-character certificate", "残疾人证 1505211990010112341234", "残疾人证 150521********1234"},
		{"certificate with X", "证 15052119471014048X12", "证 150521********8X12"},
		{"apostrophe", "'150521199001011234", "'150521********1234"},
		{"CSV formula", `="150521199001011234"`, `="150521********1234"`},
		{"two glued to letters", "a150521199001011234b150521199001011234", "a150521********1234b150521********1234"},
		{"16 digits (holds a 15-digit ID)", "1234567890123456", "123456********3456"},
		{"19 digits", "1505211990010112341", "150521********2341"},

		{"14 digits: no ID", "short 12345678901234 ok", "short 12345678901234 ok"},
		{"14 digits then X: no ID", "12345678901234X", "12345678901234X"},
		{"scientific notation", "1.50521E+17", "1.50521E+17"},
		{"a date and time", "2022-05-01 10:20:30", "2022-05-01 10:20:30"},
		{"a window", "2022-05-01..2023-04-30", "2022-05-01..2023-04-30"},
		{"an amount", "金额 1,234,567.89 元", "金额 1,234,567.89 元"},
		{"small numbers", "1 2 3 4 5", "1 2 3 4 5"},
		{"empty", "", ""},
		{"Chinese", "无", "无"},
	} {
		got := MaskIDs(tt.in)
		if got != tt.want {
			t.Errorf("%s: MaskIDs(%q) = %q, want %q", tt.form, tt.in, got, tt.want)
		}
		if leak := idInside(got); leak != "" {
			t.Errorf("%s: MaskIDs(%q) = %q still holds %q, which ID accepts", tt.form, tt.in, got, leak)
		}
		// The table is right about which texts hold an ID: ID says so.
		if holds := idInside(tt.in) != ""; holds != (tt.want != tt.in) {
			t.Errorf("%s: %q holds an ID that ID accepts: %v", tt.form, tt.in, holds)
		}
	}
}

// idInside returns a piece of s that ID accepts as an ID, or "".
func idInside(s string) string {
	// Pieces start and end where a rune (or a byte that is none) does.
	cut := []int{}
	for i := 0; i < len(s); {
		cut = append(cut, i)
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	cut = append(cut, len(s))
	for a := range cut {
		for b := len(cut) - 1; b > a; b-- {
			if _, _, err := ID(s[cut[a]:cut[b]]); err == nil {
				return s[cut[a]:cut[b]]
			}
		}
	}
	return ""
}

// FuzzMaskIDs takes ID as the oracle: no piece of the masked text is an ID
// that ID accepts, and text is changed only where some piece of it is.
func FuzzMaskIDs(f *testing.F) {
	for _, s := range []string{"150521199001011234", "a15052119900101123Xb", "150521900101123", "1505211990010112341234",
		"150502 19490413 8864", "１５０５２１１９９００１０１１２３４", "150521\u200b199001-011234", "无", "1 2 3", "12345678901234X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 96 {
			return // every piece is tried: keep it quadratic in little
		}
		m := MaskIDs(s)
		if leak := idInside(m); leak != "" {
			t.Fatalf("MaskIDs(%q) = %q still holds %q, which ID accepts", s, m, leak)
		}
		if had := idInside(s) != ""; had != (m != s) {
			t.Fatalf("MaskIDs(%q) = %q, but the text holds an ID: %v", s, m, had)
		}
		if again := MaskIDs(m); again != m {
			t.Fatalf("MaskIDs(%q) = %q, and again %q", s, m, again)
		}
	})
}
