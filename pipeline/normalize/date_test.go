package normalize

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var parseDateTests = []struct {
	Name   string
	Input  string
	Output string // "" when an error is expected
	Error  string // substring of the error text; "" for none
}{
	// Excel serials, 1900 date system.
	{Name: "Serial", Input: "44682", Output: "2022-05-01"},
	{Name: "SerialFraction", Input: "44682.5", Output: "2022-05-01"},
	{Name: "SerialLongFraction", Input: "44682.99998842592", Output: "2022-05-01"},
	{Name: "SerialZeroFraction", Input: "44682.0", Output: "2022-05-01"},
	{Name: "SerialEpoch1970", Input: "25569", Output: "1970-01-01"},
	{Name: "Serial1", Input: "1", Output: "1900-01-01"},
	{Name: "Serial59", Input: "59", Output: "1900-02-28"},
	{Name: "Serial60PhantomLeapDay", Input: "60", Error: "1900-02-29"},
	{Name: "Serial61", Input: "61", Output: "1900-03-01"},
	{Name: "SerialMax", Input: "2958465", Output: "9999-12-31"},
	{Name: "SerialTooBig", Input: "2958466", Error: "无法识别"},
	{Name: "Serial0", Input: "0", Error: "无法识别"},
	{Name: "SerialLeap2024", Input: "45351", Output: "2024-02-29"},
	{Name: "SerialFullWidth", Input: "４４６８２", Output: "2022-05-01"},
	{Name: "SerialSpaces", Input: " 44682 ", Output: "2022-05-01"},
	{Name: "YearOnly", Input: "2022", Error: "像是年份"},
	// A month alone is its first day (SPEC §3.3.1): YYYYMM is never a serial.
	{Name: "YearMonthDot", Input: "2022.5", Output: "2022-05-01"},
	{Name: "YearMonthDot2", Input: "2022.05", Output: "2022-05-01"},
	{Name: "YYYYMM", Input: "202211", Output: "2022-11-01"},
	{Name: "YYYYMMFloat", Input: "202211.0", Output: "2022-11-01"},
	{Name: "YYYYMMFloat2", Input: "202210.00", Output: "2022-10-01"},
	{Name: "YYYYMMFullWidth", Input: "２０２２１２", Output: "2022-12-01"},
	{Name: "YYYYMM1900", Input: "190001", Output: "1900-01-01"},
	{Name: "YYYYMM2099", Input: "209912", Output: "2099-12-01"},
	{Name: "YYYYMMMonth13", Input: "202213", Error: "月份应为01至12"},
	{Name: "YYYYMMMonth0", Input: "202200", Error: "月份应为01至12"},
	{Name: "YYYYMMMonth13Float", Input: "202213.0", Error: "月份应为01至12"},
	{Name: "YYYYMMFraction", Input: "202211.5", Error: "无法识别"},
	{Name: "SixDigitSerial", Input: "100000", Output: "2173-10-14"},
	{Name: "YearMonthDash", Input: "2022-11", Output: "2022-11-01"},
	{Name: "YearMonthSlash", Input: "2022/1", Output: "2022-01-01"},
	{Name: "YearMonthChinese", Input: "2022年11月", Output: "2022-11-01"},
	{Name: "YearMonthChineseNoYue", Input: "2022年11", Output: "2022-11-01"},
	{Name: "YearMonthChineseFullWidth", Input: "２０２２年１１月", Output: "2022-11-01"},
	{Name: "YearMonthMonth13", Input: "2022-13", Error: "月份应为01至12"},
	{Name: "YearMonthWrongEnd", Input: "2022年11日", Error: "无法识别"},
	{Name: "SerialWithTime", Input: "44682 10:00", Error: "无法识别"},
	{Name: "NegativeSerial", Input: "-44682", Error: "无法识别"},
	{Name: "SerialTwoPoints", Input: "44682.5.1", Error: "无法识别"},

	// Text dates.
	{Name: "ISO", Input: "2022-05-01", Output: "2022-05-01"},
	{Name: "ISOShort", Input: "2022-5-1", Output: "2022-05-01"},
	{Name: "Slash", Input: "2022/5/1", Output: "2022-05-01"},
	{Name: "SlashPadded", Input: "2022/05/01", Output: "2022-05-01"},
	{Name: "Dot", Input: "2022.5.1", Output: "2022-05-01"},
	{Name: "DotPadded", Input: "2022.05.01", Output: "2022-05-01"},
	{Name: "Chinese", Input: "2022年5月1日", Output: "2022-05-01"},
	{Name: "ChinesePadded", Input: "2022年05月01日", Output: "2022-05-01"},
	{Name: "ChineseNoRi", Input: "2022年5月1", Output: "2022-05-01"},
	{Name: "ChineseHao", Input: "2022年5月1号", Output: "2022-05-01"},
	{Name: "Compact", Input: "20220501", Output: "2022-05-01"},
	{Name: "FullWidthISO", Input: "２０２２－０５－０１", Output: "2022-05-01"},
	{Name: "FullWidthChinese", Input: "２０２２年５月１日", Output: "2022-05-01"},
	{Name: "FullWidthSlash", Input: "２０２２／５／１", Output: "2022-05-01"},
	{Name: "IdeographicSpaces", Input: "\u30002022-05-01\u3000", Output: "2022-05-01"},

	// Time parts.
	{Name: "Time", Input: "2022-05-01 10:20:30", Output: "2022-05-01"},
	{Name: "TimeMidnight", Input: "2022/5/1 0:00", Output: "2022-05-01"},
	{Name: "TimeMillis", Input: "2022-05-01 10:20:30.123", Output: "2022-05-01"},
	{Name: "TimeT", Input: "2022-05-01T10:20:30", Output: "2022-05-01"},
	{Name: "TimeTZ", Input: "2022-05-01T10:20:30Z", Output: "2022-05-01"},
	{Name: "TimeOffset", Input: "2022-05-01T10:20:30+08:00", Output: "2022-05-01"},
	{Name: "TimeChinese", Input: "2022年5月1日 10时20分", Output: "2022-05-01"},
	{Name: "TimeAMPM", Input: "2022/5/1 下午 3:20:00", Output: "2022-05-01"},
	{Name: "TimeCompact", Input: "20220501 102030", Output: "2022-05-01"},
	{Name: "TimeFullWidth", Input: "２０２２－０５－０１　１０：２０：３０", Output: "2022-05-01"},
	{Name: "TimeGarbage", Input: "2022-05-01 abc", Error: "无法识别"},
	{Name: "TimeEmpty", Input: "2022-05-01T", Error: "无法识别"},

	// Calendar boundaries.
	{Name: "Leap2024", Input: "2024-02-29", Output: "2024-02-29"},
	{Name: "Leap2000", Input: "2000-02-29", Output: "2000-02-29"},
	{Name: "NotLeap2023", Input: "2023-02-29", Error: "无法识别"},
	{Name: "NotLeap1900", Input: "1900-02-29", Error: "无法识别"},
	{Name: "NotLeap2100", Input: "2100-02-29", Error: "无法识别"},
	{Name: "April31", Input: "2022-04-31", Error: "无法识别"},
	{Name: "Month13", Input: "2022-13-01", Error: `日期"2022-13-01"无法识别`},
	{Name: "Month0", Input: "2022-00-10", Error: "无法识别"},
	{Name: "Day0", Input: "2022-05-00", Error: "无法识别"},
	{Name: "Day32", Input: "2022-05-32", Error: "无法识别"},
	{Name: "CompactBad", Input: "20221301", Error: "无法识别"},
	{Name: "Year1899", Input: "1899-12-31", Error: "无法识别"},
	{Name: "Year1900", Input: "1900-01-01", Output: "1900-01-01"},
	{Name: "Year9999", Input: "9999-12-31", Output: "9999-12-31"},
	{Name: "Dec31", Input: "2022/12/31", Output: "2022-12-31"},

	// Not dates.
	{Name: "MixedSeparators", Input: "2022-05/01", Error: "无法识别"},
	{Name: "YearMonth", Input: "2022-05", Output: "2022-05-01"},
	{Name: "ChineseYearMonth", Input: "2022年5月", Output: "2022-05-01"},
	{Name: "TwoDigitYear", Input: "22-05-01", Error: "无法识别"},
	{Name: "USOrder", Input: "05/01/2022", Error: "无法识别"},
	{Name: "ThreeDigitMonth", Input: "2022-005-01", Error: "无法识别"},
	{Name: "Trailing", Input: "2022-05-01日", Error: "无法识别"},
	{Name: "Text", Input: "不详", Error: `日期"不详"无法识别`},
	{Name: "TooLongDigits", Input: "202205011", Error: "无法识别"},
	{Name: "IDNumberMasked", Input: "150521199010041213", Error: `日期"150521********1213"无法识别`},
	{Name: "InvalidUTF8", Input: "2022-05-01\xff", Error: "无法识别"},
}

func TestParseDate(t *testing.T) {
	for _, tt := range parseDateTests {
		t.Run(tt.Name, func(t *testing.T) {
			d, err := ParseDate(tt.Input)
			if tt.Error != "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want error containing %q", tt.Input, d, tt.Error)
				}
				if !strings.Contains(err.Error(), tt.Error) {
					t.Fatalf("ParseDate(%q) error = %q, want it to contain %q", tt.Input, err, tt.Error)
				}
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "日期" {
					t.Fatalf("ParseDate(%q) error %#v is not a 日期 *FieldError", tt.Input, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q) error: %v", tt.Input, err)
			}
			if d.String() != tt.Output {
				t.Fatalf("ParseDate(%q) = %v, want %s", tt.Input, d, tt.Output)
			}
		})
	}
}

func TestParseDateEmpty(t *testing.T) {
	for _, in := range []string{"", " ", "\u3000", "\t\r\n"} {
		if _, err := ParseDate(in); err != ErrDateEmpty {
			t.Errorf("ParseDate(%q) error = %v, want ErrDateEmpty", in, err)
		}
	}
}

// TestCivilAgainstTime checks the day arithmetic against package time for
// every day from 1600 to 2400 and a spread beyond.
func TestCivilAgainstTime(t *testing.T) {
	check := func(tm time.Time) {
		want := Date(tm.Unix() / 86400)
		got := DateOf(tm.Year(), tm.Month(), tm.Day())
		if got != want {
			t.Fatalf("DateOf(%v) = %d, want %d", tm.Format("2006-01-02"), got, want)
		}
		if s := got.String(); tm.Year() >= 0 && tm.Year() <= 9999 && s != tm.Format("2006-01-02") {
			t.Fatalf("String(%d) = %s, want %s", got, s, tm.Format("2006-01-02"))
		}
		if !got.Time().Equal(tm) {
			t.Fatalf("Time(%d) = %v, want %v", got, got.Time(), tm)
		}
		y, m, d := got.Civil()
		if y != tm.Year() || m != tm.Month() || d != tm.Day() {
			t.Fatalf("Civil(%d) = %d-%d-%d", got, y, m, d)
		}
	}
	for tm := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() < 2400; tm = tm.AddDate(0, 0, 1) {
		check(tm)
	}
	for y := -3000; y <= 12000; y += 7 {
		check(time.Date(y, time.Month(1+((y%12)+12)%12), 1+((y%28)+28)%28, 0, 0, 0, 0, time.UTC))
	}
}

func TestDateOfNormalises(t *testing.T) {
	for _, tt := range []struct {
		y    int
		m    time.Month
		d    int
		want string
	}{
		{2022, 5, 1, "2022-05-01"},
		{2022, 13, 1, "2023-01-01"},
		{2022, 0, 1, "2021-12-01"},
		{2022, -11, 1, "2021-01-01"},
		{2022, 3, 0, "2022-02-28"},
		{2024, 3, 0, "2024-02-29"},
		{2022, 12, 32, "2023-01-01"},
		{1970, 1, 1, "1970-01-01"},
	} {
		got := DateOf(tt.y, tt.m, tt.d)
		if got.String() != tt.want {
			t.Errorf("DateOf(%d, %d, %d) = %v, want %s", tt.y, tt.m, tt.d, got, tt.want)
		}
		if want := time.Date(tt.y, tt.m, tt.d, 0, 0, 0, 0, time.UTC).Format("2006-01-02"); got.String() != want {
			t.Errorf("DateOf(%d, %d, %d) = %v, time.Date says %s", tt.y, tt.m, tt.d, got, want)
		}
	}
	if DateOf(1970, 1, 1) != 0 {
		t.Error("DateOf(1970, 1, 1) != 0")
	}
}

func TestAddMonths(t *testing.T) {
	for _, tt := range []struct {
		from string
		n    int
		want string
	}{
		{"2022-08-31", 6, "2023-02-28"},
		{"2023-08-31", 6, "2024-02-29"},
		{"2022-05-15", 6, "2022-11-15"},
		{"2022-01-31", 1, "2022-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2022-03-31", 1, "2022-04-30"},
		{"2022-12-31", 2, "2023-02-28"},
		{"2022-11-30", 3, "2023-02-28"},
		{"2022-05-31", 0, "2022-05-31"},
		{"2022-05-31", 12, "2023-05-31"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2022-03-31", -1, "2022-02-28"},
		{"2023-01-15", -13, "2021-12-15"},
		{"2022-12-01", 1, "2023-01-01"},
		{"1900-01-31", 1, "1900-02-28"},
	} {
		d, err := ParseDate(tt.from)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.AddMonths(tt.n).String(); got != tt.want {
			t.Errorf("%s + %d months = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestDateString(t *testing.T) {
	for _, tt := range []struct {
		d    Date
		want string
	}{
		{0, "1970-01-01"},
		{-1, "1969-12-31"},
		{19113, "2022-05-01"},
		{-25567, "1900-01-01"},
		{2932896, "9999-12-31"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("Date(%d).String() = %s, want %s", int32(tt.d), got, tt.want)
		}
	}
}

func TestParseDateNoAllocClean(t *testing.T) {
	for _, in := range []string{"2022-05-01", "44682", "2022/5/1", "2022年5月1日", "20220501", "2022-05-01 10:20:30"} {
		if n := testing.AllocsPerRun(100, func() { ParseDate(in) }); n != 0 {
			t.Errorf("ParseDate(%q): %v allocs, want 0", in, n)
		}
	}
}
