package normalize

import (
	"errors"
	"strings"
	"time"
)

// Date is a calendar date as days since 1970-01-01 (the representation of
// Arrow date32 and DuckDB DATE). The zero Date is 1970-01-01.
type Date int32

// DateOf returns the Date of y-m-d. Out-of-range months and days are
// normalised as time.Date does (DateOf(2022, 13, 1) is 2023-01-01,
// DateOf(2022, 3, 0) is 2022-02-28).
func DateOf(y int, m time.Month, d int) Date {
	total := int64(y)*12 + int64(m) - 1
	yy := floorDiv(total, 12)
	mm := int(total-yy*12) + 1
	return Date(civilToDays(int(yy), mm, 1) + Date(d-1))
}

// Time returns the date as a time.Time at UTC midnight.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Civil returns the year, month and day of d.
func (d Date) Civil() (year int, month time.Month, day int) {
	y, m, dd := daysToCivil(int64(d))
	return y, time.Month(m), dd
}

// String formats d as "2006-01-02".
func (d Date) String() string { return string(d.Append(nil)) }

// Append appends d as String formats it.
func (d Date) Append(dst []byte) []byte {
	y, m, dd := daysToCivil(int64(d))
	if y < 0 || y > 9999 {
		return d.Time().AppendFormat(dst, "2006-01-02")
	}
	return append(dst,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		'-', byte('0'+m/10), byte('0'+m%10),
		'-', byte('0'+dd/10), byte('0'+dd%10))
}

// AddMonths adds n calendar months, clamping the day to the end of the
// resulting month, as DuckDB's date + INTERVAL n MONTH does:
// 2022-08-31 + 6 months = 2023-02-28, 2024-01-31 + 1 month = 2024-02-29.
func (d Date) AddMonths(n int) Date {
	y, m, dd := daysToCivil(int64(d))
	total := int64(y)*12 + int64(m-1) + int64(n)
	ny := int(floorDiv(total, 12))
	nm := int(total-int64(ny)*12) + 1
	if dim := daysIn(ny, nm); dd > dim {
		dd = dim
	}
	return civilToDays(ny, nm, dd)
}

// ErrDateEmpty is returned by ParseDate for an empty cell.
var ErrDateEmpty = errors.New("日期为空")

// Excel serial range of the 1900 date system: 1 = 1900-01-01,
// 2958465 = 9999-12-31.
const (
	maxSerial = 2958465
	// excelEpoch is serial 0 for serials ≥ 61: 1899-12-30 in days since 1970.
	excelEpoch = -25569
)

// ParseDate parses a date cell (SPEC §3): an Excel serial of the 1900 date
// system, integer or fractional ("44682", "44682.5"; the time of day is
// dropped), "2022-05-01", "2022/5/1", "2022.5.1", "2022年5月1日",
// "20220501", each optionally followed by a time part after a space or 'T'
// ("2022-05-01 10:20:30", "2022-05-01T10:20:30Z"); full-width digits and
// spaces are accepted.
//
// A date known only to the month is that month's first day (SPEC §3.3.1):
// the national monitoring system writes 识别监测时间 as YYYYMM (202211, also
// stored as the number 202211.0), and year-month texts 2022年11月, 2022-11,
// 2022/11, 2022.11 occur. A six-digit value whose first four digits are a
// year 1900..2099 is such a month, never an Excel serial (which would put it
// in the 26th century); its month must be 01..12 (202213 is an error).
//
// Excel's phantom 1900-02-29 (serial 60) is an error, serials 1..59 are the
// dates Excel shows for them (1900-01-01..1900-02-28), and serials ≥ 61 are
// counted from 1899-12-30. A bare number in 1900..2100 is taken for a year
// without month and day, not for a serial (it would be a date in 1905), and
// is an error. Text years must be in 1900..9999.
//
// An empty cell yields ErrDateEmpty; anything else unparseable a
// *FieldError with Field "日期".
func ParseDate(raw string) (Date, error) {
	s := Fold(raw)
	if s == "" {
		return 0, ErrDateEmpty
	}
	datePart := s
	if i := strings.IndexAny(s, " T"); i >= 0 {
		datePart = s[:i]
		if !validTime(s[i+1:]) {
			return 0, dateError(raw, "无法识别")
		}
	}
	if d, ok, reason := parseDatePart(datePart, datePart == s); ok {
		return d, nil
	} else if reason != "" {
		return 0, dateError(raw, reason)
	}
	return 0, dateError(raw, "无法识别")
}

func dateError(raw, reason string) error {
	return newFieldError("日期", raw, reason)
}

// parseDatePart parses the date without its time part. serialOK allows
// Excel serials (not followed by a time part). A non-empty reason refines
// the error.
func parseDatePart(s string, serialOK bool) (Date, bool, string) {
	// Leading run of digits.
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return 0, false, ""
	}
	if i == 6 && yearMonthLike(s) {
		if i == len(s) || allZeroFraction(s[i:]) {
			return yearMonth(atoi(s[:4]), atoi(s[4:6]))
		}
		return 0, false, ""
	}
	if i == len(s) {
		if i == 8 {
			return ymd(atoi(s[:4]), atoi(s[4:6]), atoi(s[6:8]))
		}
		if i > 7 || !serialOK {
			return 0, false, ""
		}
		return serial(atoi(s))
	}
	// A fractional serial: digits '.' digits ("2022.5" is a year and month,
	// below).
	if serialOK && i <= 7 && i != 4 && s[i] == '.' && allDigitsStr(s[i+1:]) {
		return serial(atoi(s[:i]))
	}
	if i != 4 {
		return 0, false, ""
	}
	y := atoi(s[:4])
	rest := s[4:]
	if d, ok, reason, isMonth := yearMonthText(y, rest); isMonth {
		return d, ok, reason
	}
	var sep1, sep2 string
	switch {
	case rest[0] == '-' || rest[0] == '/' || rest[0] == '.':
		sep1, sep2 = rest[:1], rest[:1]
	case strings.HasPrefix(rest, "年"):
		sep1, sep2 = "年", "月"
	default:
		return 0, false, ""
	}
	rest = rest[len(sep1):]
	m, n := leadingDigits(rest, 2)
	if n == 0 {
		return 0, false, ""
	}
	rest = rest[n:]
	if !strings.HasPrefix(rest, sep2) {
		return 0, false, ""
	}
	rest = rest[len(sep2):]
	d, n := leadingDigits(rest, 2)
	if n == 0 {
		return 0, false, ""
	}
	rest = rest[n:]
	if sep1 == "年" && (rest == "日" || rest == "号") {
		rest = ""
	}
	if rest != "" {
		return 0, false, ""
	}
	return ymd(y, m, d)
}

// yearMonthLike: six digits starting with a year 1900..2099.
func yearMonthLike(s string) bool {
	y := atoi(s[:4])
	return y >= 1900 && y <= 2099
}

// allZeroFraction: ".0", ".00" … (a YYYYMM stored as a float).
func allZeroFraction(s string) bool {
	if len(s) < 2 || s[0] != '.' {
		return false
	}
	return strings.Trim(s[1:], "0") == ""
}

func yearMonth(y, m int) (Date, bool, string) {
	if y < 1900 || y > 9999 || m < 1 || m > 12 {
		return 0, false, "无法识别（月份应为01至12）"
	}
	return civilToDays(y, m, 1), true, ""
}

// yearMonthText reads what follows a four-digit year when it is a month
// alone: "-11", "/11", ".11", "年11月", "年11". isMonth is false when rest is
// not of that shape (a full date, or nothing known).
func yearMonthText(y int, rest string) (d Date, ok bool, reason string, isMonth bool) {
	var sep, end string
	switch {
	case rest == "":
		return 0, false, "", false
	case rest[0] == '-' || rest[0] == '/' || rest[0] == '.':
		sep = rest[:1]
	case strings.HasPrefix(rest, "年"):
		sep, end = "年", "月"
	default:
		return 0, false, "", false
	}
	m, n := leadingDigits(rest[len(sep):], 2)
	if n == 0 {
		return 0, false, "", false
	}
	tail := rest[len(sep)+n:]
	if tail != "" && tail != end {
		return 0, false, "", false
	}
	d, ok, reason = yearMonth(y, m)
	return d, ok, reason, true
}

func ymd(y, m, d int) (Date, bool, string) {
	if y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false, ""
	}
	return civilToDays(y, m, d), true, ""
}

func serial(n int) (Date, bool, string) {
	switch {
	case n >= 1900 && n <= 2100:
		return 0, false, "无法识别（像是年份，缺少月日）"
	case n < 1 || n > maxSerial:
		return 0, false, ""
	case n < 60:
		return Date(n + excelEpoch + 1), true, ""
	case n == 60:
		return 0, false, "无法识别（Excel序列号60是不存在的1900-02-29）"
	}
	return Date(n + excelEpoch), true, ""
}

// validTime accepts a time of day after the date: "10:20:30",
// "10:20:30.000", "10:20:30Z", "10:20:30+08:00", "10:20", "上午 10:20",
// "10时20分". The time is not used.
func validTime(t string) bool {
	t = strings.TrimSpace(t)
	digits := 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(":.+-Z 时分秒上下午APMapm", r):
		default:
			return false
		}
	}
	return digits > 0
}

func leadingDigits(s string, max int) (v, n int) {
	for n < len(s) && n < max && isDigit(s[n]) {
		v = v*10 + int(s[n]-'0')
		n++
	}
	return v, n
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

func allDigitsStr(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// civilToDays: days since 1970-01-01 of y-m-d (proleptic Gregorian;
// H. Hinnant's days_from_civil). m must be 1..12.
func civilToDays(y, m, d int) Date {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400
	mp := int64(m) + 9
	if m > 2 {
		mp = int64(m) - 3
	}
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468)
}

// daysToCivil is the inverse of civilToDays.
func daysToCivil(z int64) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		yy++
	}
	return int(yy), m, d
}
