// Package rules holds the monitoring rules of SPEC §4–§5: their parameters
// (defaults in defaults.toml) and one embedded SQL file per rule under sql/.
// It runs them against the tables the pipeline has loaded into DuckDB and does
// no file I/O of its own.
package rules

import (
	_ "embed"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

//go:embed defaults.toml
var defaultsTOML string

// Params are the rule parameters of SPEC §5. Money is held in fen.
type Params struct {
	WindowStart  Date
	WindowEnd    Date
	Line         Money // yuan per person per year
	AsOf         Date
	ExcludeItems []string
	TolTransfer  Money
	TolSelfpay   Money
	MedicalAlert Money
	DropRatio    Ratio
	ElimMonths   int
	OldAge       int
	// SPEC §5.4's data checks.
	LaborOldAge        int   // C_ELDERLY_LABOR: age from which 普通/技能劳动力 is worth a look
	IncomeUnit         Money // C_INCOME_UNIT: an income item under this is probably in 万元
	ScaleShare         Ratio // C_SCALE_RISK: share of a village's households at risk
	ScaleMinHouseholds int   // C_SCALE_RISK: and at least this many
	// SPEC §5.5: AID_NOT_MONITORED and 重点户 category 2 look at net <
	// line × n × (1 + AidMargin); category 7 at wage ≥ KeyWageShare × gross.
	AidMargin    Ratio
	KeyWageShare Ratio
	Lists        []List // the [[lists]] blocks (SPEC §3.5)
	Public       Public
}

// Public is the [public] section: the terms of the public notices (SPEC
// §6.1, §9; work plan §二(四)2, §二(六)2: 公示 at least 5 days).
type Public struct {
	Start Date   // the first day; zero = the day after as_of
	Days  int    // ≥ 5
	Unit  string // where objections go; <乡镇> is the township's name
	Phone string // 监督电话; "" = none
	// Towns are the [public.<乡镇>] sections: a township's own unit or phone.
	Towns map[string]PublicTown
}

// PublicTown overrides the unit or the phone for one township (nil = as
// [public] says).
type PublicTown struct{ Unit, Phone *string }

// MinPublicDays is the shortest 公示 the work plan allows (§二(四)2: 不少于5天).
const MinPublicDays = 5

// NoticeTerms are a township's notice terms: the first day, the number of
// days, the office objections go to and the phone, <乡镇> filled in.
func (p Params) NoticeTerms(township string) (start Date, days int, unit, phone string) {
	start = p.Public.Start
	if start.IsZero() {
		start = Date{p.AsOf.AddDate(0, 0, 1)}
	}
	unit, phone = p.Public.Unit, p.Public.Phone
	if t, ok := p.Public.Towns[township]; ok {
		if t.Unit != nil {
			unit = *t.Unit
		}
		if t.Phone != nil {
			phone = *t.Phone
		}
	}
	fill := func(s string) string { return strings.ReplaceAll(s, "<乡镇>", township) }
	return start, p.Public.Days, fill(unit), fill(phone)
}

// Date is a calendar date (UTC midnight).
type Date struct{ time.Time }

func (d Date) String() string { return d.Format("2006-01-02") }

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("日期 %q 应写作 YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// UnmarshalTOML accepts a TOML local date (as_of = 2023-05-15) or a string.
func (d *Date) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case time.Time:
		*d = Date{time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)}
		return nil
	case string:
		p, err := ParseDate(x)
		*d = p
		return err
	}
	return fmt.Errorf("日期应写作 YYYY-MM-DD，而不是 %v", v)
}

// Money is an exact amount in fen.
type Money int64

// ParseMoney reads a non-negative yuan amount with at most two decimals.
func ParseMoney(s string) (Money, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok {
		return 0, fmt.Errorf("金额 %q 不是数字", s)
	}
	r.Mul(r, big.NewRat(100, 1))
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, fmt.Errorf("金额 %q 最多两位小数", s)
	}
	return Money(r.Num().Int64()), nil
}

// UnmarshalTOML accepts an integer, a float or a string of yuan.
func (m *Money) UnmarshalTOML(v any) error {
	var s string
	switch x := v.(type) {
	case int64:
		s = strconv.FormatInt(x, 10)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		s = x
	default:
		return fmt.Errorf("金额应为数字，而不是 %v", v)
	}
	p, err := ParseMoney(s)
	*m = p
	return err
}

// String is the amount in yuan with two decimals, as DuckDB reads a DECIMAL literal.
func (m Money) String() string {
	sign, v := "", int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Ratio is a decimal fraction kept as its text, so that SQL compares it exactly.
type Ratio string

// UnmarshalTOML accepts a number or a string.
func (r *Ratio) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case int64:
		*r = Ratio(strconv.FormatInt(x, 10))
	case float64:
		*r = Ratio(strconv.FormatFloat(x, 'f', -1, 64))
	case string:
		*r = Ratio(strings.TrimSpace(x))
	default:
		return fmt.Errorf("比例应为 0 到 1 之间的数，而不是 %v", v)
	}
	return nil
}

func (r Ratio) rat() (*big.Rat, bool) { return new(big.Rat).SetString(string(r)) }

// file mirrors the TOML layout of SPEC §1. Pointers tell "absent" from zero.
type file struct {
	// Machine settings that compare's and nightly's config files share
	// with their flags (SPEC §9); read by nightly.ReadLimits.
	MaxFileSize any `toml:"max_file_size"`
	MaxCells    any `toml:"max_cells"`

	Window string `toml:"window"`
	Line   *Money `toml:"line"`
	AsOf   *Date  `toml:"as_of"`
	Card   struct {
		ExcludeItems *[]string `toml:"exclude_items"`
	} `toml:"card"`
	Tolerance struct {
		Transfer *Money `toml:"transfer"`
		Selfpay  *Money `toml:"selfpay"`
	} `toml:"tolerance"`
	Medical struct {
		Alert *Money `toml:"alert"`
	} `toml:"medical"`
	Drop struct {
		Ratio *Ratio `toml:"ratio"`
	} `toml:"drop"`
	Elimination struct {
		Months *int `toml:"months"`
		OldAge *int `toml:"old_age"`
	} `toml:"elimination"`
	Labor struct {
		OldAge *int `toml:"old_age"`
	} `toml:"labor"`
	Checks struct {
		IncomeUnit *Money `toml:"income_unit"`
	} `toml:"checks"`
	Scale struct {
		Share         *Ratio `toml:"share"`
		MinHouseholds *int   `toml:"min_households"`
	} `toml:"scale"`
	Aid struct {
		Margin *Ratio `toml:"margin"`
	} `toml:"aid"`
	Key struct {
		WageShare *Ratio `toml:"wage_share"`
	} `toml:"key"`
	Lists []listBlock `toml:"lists"`
	// [public] mixes keys and [public.<乡镇>] tables: read by applyPublic.
	Public map[string]any `toml:"public"`
	// [inputs] and [output] belong to `paicha nightly`; they are read there.
	Inputs map[string]any `toml:"inputs"`
	Output map[string]any `toml:"output"`
}

// Defaults returns the parameters of defaults.toml.
func Defaults() Params {
	var p Params
	if err := p.apply(defaultsTOML, "defaults.toml"); err != nil {
		panic(fmt.Sprintf("rules/defaults.toml: %v", err)) // embedded at build time; a test keeps it valid
	}
	return p
}

// LoadTOML overlays the parameters of a config file (its text and its name
// for messages) on p. Unknown keys and impossible values are errors.
func (p *Params) LoadTOML(text, name string) error { return p.apply(text, name) }

// override sets *dst to *src when the file gave the key (src not nil).
func override[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}

func (p *Params) apply(text, name string) error {
	var f file
	md, err := toml.Decode(text, &f)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		var keys []string
		for _, k := range und {
			if k[0] == "inputs" || k[0] == "output" || k[0] == "public" {
				continue // nightly's sections; [public] is checked by applyPublic
			}
			keys = append(keys, k.String())
		}
		if len(keys) > 0 {
			return fmt.Errorf("%s: 未知的参数 %s（可用参数见 SPEC §5 或 rules/defaults.toml）", name, strings.Join(keys, ", "))
		}
	}
	if f.Window != "" {
		if err := p.SetWindow(f.Window); err != nil {
			return fmt.Errorf("%s: window: %w", name, err)
		}
	}
	override(&p.Line, f.Line)
	override(&p.TolTransfer, f.Tolerance.Transfer)
	override(&p.TolSelfpay, f.Tolerance.Selfpay)
	override(&p.MedicalAlert, f.Medical.Alert)
	override(&p.AsOf, f.AsOf)
	if f.Card.ExcludeItems != nil {
		p.ExcludeItems = append([]string(nil), (*f.Card.ExcludeItems)...)
	}
	override(&p.DropRatio, f.Drop.Ratio)
	override(&p.ElimMonths, f.Elimination.Months)
	override(&p.OldAge, f.Elimination.OldAge)
	override(&p.LaborOldAge, f.Labor.OldAge)
	override(&p.IncomeUnit, f.Checks.IncomeUnit)
	override(&p.ScaleShare, f.Scale.Share)
	override(&p.ScaleMinHouseholds, f.Scale.MinHouseholds)
	override(&p.AidMargin, f.Aid.Margin)
	override(&p.KeyWageShare, f.Key.WageShare)
	if f.Lists != nil {
		if p.Lists, err = readLists(f.Lists, name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := p.applyPublic(f.Public); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// applyPublic reads [public]: start, days, unit, phone, and a table per
// township holding unit or phone.
func (p *Params) applyPublic(sec map[string]any) error {
	str := func(key string, v any) (string, error) {
		s, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("public.%s 应为文字，例如 %s = \"<乡镇>人民政府\"", key, key)
		}
		return s, nil
	}
	keys := make([]string, 0, len(sec))
	for k := range sec {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := sec[k]
		var err error
		switch k {
		case "start":
			err = p.Public.Start.UnmarshalTOML(v)
		case "days":
			n, ok := v.(int64)
			if !ok {
				return fmt.Errorf("public.days 应为整数天数，现为 %v", v)
			}
			p.Public.Days = int(n)
		case "unit":
			p.Public.Unit, err = str(k, v)
		case "phone":
			p.Public.Phone, err = str(k, v)
		default:
			town, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("未知的参数 public.%s（[public] 可用 start、days、unit、phone，或 [public.<乡镇>] 下的 unit、phone）", k)
			}
			var t PublicTown
			for tk, tv := range town {
				s, err := str(k+"."+tk, tv)
				if err != nil {
					return err
				}
				switch tk {
				case "unit":
					t.Unit = &s
				case "phone":
					t.Phone = &s
				default:
					return fmt.Errorf("未知的参数 public.%s.%s（[public.<乡镇>] 可用 unit、phone）", k, tk)
				}
			}
			if p.Public.Towns == nil {
				p.Public.Towns = map[string]PublicTown{}
			}
			p.Public.Towns[k] = t
		}
		if err != nil {
			return fmt.Errorf("public.%s: %w", k, err)
		}
	}
	return nil
}

// SetWindow parses "A..B".
func (p *Params) SetWindow(s string) error {
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		return fmt.Errorf("收入测算周期 %q 应写作 起始日期..截止日期，例如 2022-05-01..2023-04-30", s)
	}
	start, err := ParseDate(a)
	if err != nil {
		return err
	}
	end, err := ParseDate(b)
	if err != nil {
		return err
	}
	p.WindowStart, p.WindowEnd = start, end
	return nil
}

// Window is the window in the "A..B" form.
func (p Params) Window() string { return p.WindowStart.String() + ".." + p.WindowEnd.String() }

// Validate rejects impossible values.
func (p Params) Validate() error {
	var errs []error
	if p.WindowEnd.Before(p.WindowStart.Time) {
		errs = append(errs, fmt.Errorf("收入测算周期的截止日期 %s 早于起始日期 %s", p.WindowEnd, p.WindowStart))
	}
	if p.Line <= 0 {
		errs = append(errs, fmt.Errorf("监测线 line 必须大于 0，现为 %s", p.Line))
	}
	for name, m := range map[string]Money{"tolerance.transfer": p.TolTransfer, "tolerance.selfpay": p.TolSelfpay, "medical.alert": p.MedicalAlert} {
		if m < 0 {
			errs = append(errs, fmt.Errorf("%s 不能为负数，现为 %s", name, m))
		}
	}
	if r, ok := p.DropRatio.rat(); !ok || r.Sign() < 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
		errs = append(errs, fmt.Errorf("drop.ratio 应为 0 到 1 之间的数，现为 %q", p.DropRatio))
	}
	if r, ok := p.AidMargin.rat(); !ok || r.Sign() < 0 {
		errs = append(errs, fmt.Errorf("aid.margin 应为不小于 0 的数，现为 %q", p.AidMargin))
	}
	if r, ok := p.KeyWageShare.rat(); !ok || r.Sign() < 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
		errs = append(errs, fmt.Errorf("key.wage_share 应为 0 到 1 之间的数，现为 %q", p.KeyWageShare))
	}
	if p.ElimMonths < 0 || p.ElimMonths > 120 {
		errs = append(errs, fmt.Errorf("elimination.months 应在 0 到 120 之间，现为 %d", p.ElimMonths))
	}
	if p.Public.Days < MinPublicDays {
		errs = append(errs, fmt.Errorf("public.days 公示期至少 %d 天（工作方案 §二(四)2），现为 %d", MinPublicDays, p.Public.Days))
	}
	if strings.TrimSpace(p.Public.Unit) == "" {
		errs = append(errs, errors.New("public.unit 不能为空（公示写明向哪个单位反映异议）"))
	}
	if p.OldAge <= 0 || p.OldAge > 150 {
		errs = append(errs, fmt.Errorf("elimination.old_age 应在 1 到 150 之间，现为 %d", p.OldAge))
	}
	if p.LaborOldAge <= 0 || p.LaborOldAge > 150 {
		errs = append(errs, fmt.Errorf("labor.old_age 应在 1 到 150 之间，现为 %d", p.LaborOldAge))
	}
	if p.IncomeUnit < 0 {
		errs = append(errs, fmt.Errorf("checks.income_unit 不能为负数，现为 %s", p.IncomeUnit))
	}
	if r, ok := p.ScaleShare.rat(); !ok || r.Sign() < 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
		errs = append(errs, fmt.Errorf("scale.share 应为 0 到 1 之间的数，现为 %q", p.ScaleShare))
	}
	if p.ScaleMinHouseholds < 0 {
		errs = append(errs, fmt.Errorf("scale.min_households 不能为负数，现为 %d", p.ScaleMinHouseholds))
	}
	for _, w := range p.ExcludeItems {
		if strings.TrimSpace(w) == "" {
			errs = append(errs, errors.New("card.exclude_items 不能含空字符串（空字符串会排除所有项目）"))
		}
	}
	return errors.Join(errs...)
}

// Summary is the parameters as summary.json reports them.
func (p Params) Summary() map[string]any {
	items := p.ExcludeItems
	if items == nil {
		items = []string{}
	}
	return map[string]any{
		"window":               p.Window(),
		"line":                 p.Line.String(),
		"as_of":                p.AsOf.String(),
		"card.exclude_items":   items,
		"tolerance.transfer":   p.TolTransfer.String(),
		"tolerance.selfpay":    p.TolSelfpay.String(),
		"medical.alert":        p.MedicalAlert.String(),
		"drop.ratio":           string(p.DropRatio),
		"elimination.months":   p.ElimMonths,
		"elimination.old_age":  p.OldAge,
		"labor.old_age":        p.LaborOldAge,
		"checks.income_unit":   p.IncomeUnit.String(),
		"scale.share":          string(p.ScaleShare),
		"scale.min_households": p.ScaleMinHouseholds,
		"aid.margin":           string(p.AidMargin),
		"key.wage_share":       string(p.KeyWageShare),
	}
}
