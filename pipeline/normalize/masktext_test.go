package normalize

import (
	"regexp"
	"testing"
)

func TestMaskIDsIn(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"无", "无"},
		{"身份证号150521199001011234有误", "身份证号150521********1234有误"},
		{"id 15052119900101123x.", "id 150521********123x."},
		{"15位 150521900101123 号", "15位 150521********1123 号"},
		{"残疾人证 1505211990010112341 2", "残疾人证 150521*********2341 2"},
		{"short 12345678901234 ok", "short 12345678901234 ok"},
		{"16 digits 1234567890123456 ok", "16 digits 1234567890123456 ok"},
		{"a150521199001011234b150521199001011234", "a150521********1234b150521********1234"},
	} {
		if got := MaskIDsIn(tt.in); got != tt.want {
			t.Errorf("MaskIDsIn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	leak := regexp.MustCompile(`\d{17}[\dXx]|\d{15}`)
	for _, s := range []string{"150521199001011234", "1505211990010112341234", "x150521900101123y"} {
		if m := MaskIDsIn(s); leak.MatchString(m) {
			t.Errorf("MaskIDsIn(%q) = %q still holds an ID", s, m)
		}
	}
}

func FuzzMaskIDsIn(f *testing.F) {
	for _, s := range []string{"150521199001011234", "a15052119900101123Xb", "150521900101123", "1505211990010112341234", "无"} {
		f.Add(s)
	}
	leak := regexp.MustCompile(`(^|[^0-9])([0-9]{17}[0-9Xx]|[0-9]{15})([^0-9Xx]|$)`)
	f.Fuzz(func(t *testing.T, s string) {
		m := MaskIDsIn(s)
		if leak.MatchString(m) && !leak.MatchString(s) {
			t.Fatalf("MaskIDsIn(%q) = %q made an ID", s, m)
		}
		if loc := leak.FindStringIndex(m); loc != nil {
			t.Fatalf("MaskIDsIn(%q) = %q still holds an ID", s, m)
		}
	})
}
