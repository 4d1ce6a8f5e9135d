package normalize

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"  abc  ", "abc"},
		{"a  b", "a  b"}, // inner spaces kept
		{"\u3000脱贫户\u3000", "脱贫户"},
		{"１２３", "123"},
		{"ＡＢＣａｂｃ", "ABCabc"},
		{"１５０５２１　１９９０", "150521 1990"},
		{"金额（元）", "金额(元)"},
		{"￥１２", "¥12"},
		{"２０２２年５月１日", "2022年5月1日"},
		{"－", "-"},
		{"\ufeff姓名", "姓名"},
		{"\u200b姓名\u200b", "姓名"},
		{"\u00a0姓名\u00a0", "姓名"},
		{"额尔德木图·吉日嘎拉", "额尔德木图·吉日嘎拉"},
		{"Abc", "Abc"}, // no case folding
		{"\xff1\xfe", "\xff1\xfe"},
		// Truncated and invalid UTF-8 pass through (width.LookupString
		// panics on a truncated rune; found by FuzzID).
		{"\xef", "\xef"},
		{"1\xe5", "1\xe5"},
		{"\xef\xbc", "\xef\xbc"},
		{"\xed\xa0\x80", "\xed\xa0\x80"},
		// width.Narrow also narrows CJK punctuation and kana that have
		// half-width forms: Fold is for matching, not for display.
		{"。、「」", "｡､｢｣"},
		{"ア", "ｱ"},
		{"—…《》", "—…《》"},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldNoAlloc(t *testing.T) {
	for _, in := range []string{"150521199010041213", " 188.00 ", "额尔德木图·吉日嘎拉", "脱贫户", "2022年5月1日"} {
		if n := testing.AllocsPerRun(100, func() { Fold(in) }); n != 0 {
			t.Errorf("Fold(%q): %v allocs, want 0", in, n)
		}
	}
}

func TestFieldError(t *testing.T) {
	for _, tt := range []struct {
		err  *FieldError
		want string
	}{
		{&FieldError{Field: "日期", Value: "2022-13-01", Reason: "无法识别"}, `日期"2022-13-01"无法识别`},
		{&FieldError{Field: "金额", Value: "abc", Reason: "无法识别"}, `金额"abc"无法识别`},
		// Error masks an ID even if the value was set by hand.
		{&FieldError{Field: "日期", Value: "150521199010041213", Reason: "无法识别"}, `日期"150521********1213"无法识别`},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	long := strings.Repeat("很长", 100)
	fe := newFieldError("金额", long, "无法识别")
	if n := len([]rune(fe.Value)); n > maxErrorValue+1 {
		t.Errorf("value not shortened: %d runes", n)
	}
	fe = newFieldError("金额", "\xff\xfe", "无法识别")
	if !strings.Contains(fe.Error(), "\uFFFD") {
		t.Errorf("invalid UTF-8 not replaced: %q", fe.Error())
	}
}
