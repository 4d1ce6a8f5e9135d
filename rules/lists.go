package rules

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// List is one [[lists]] block of the config (SPEC §3.5): another
// department's list, compared with the survey by the generic rule of
// sql/list/ (its code is the 疑点编码).
type List struct {
	Code   string
	Label  string // 疑点类型
	Source string // 来源
	Paths  []string
	Use    string // asset | discrepancy | risk | guarantee
	UseArg string // risk:<X> → X; guarantee:<g> → g
	Scope  string // candidates | monitored | all
	// Where selects rows by a column (the first of WhereColumns the file
	// has) whose normalised cell contains one of In, or none of NotIn.
	WhereColumns []string
	In, NotIn    []string
	Date         []string // header names of the row's date
	Within       string   // "" or "window"
	// Base, if set, is the folder relative Paths are found in, which the
	// outputs do not name (the sample county's temporary folder).
	Base string
}

// listBlock mirrors a [[lists]] block as TOML gives it.
type listBlock struct {
	Code   *string `toml:"code"`
	Label  *string `toml:"label"`
	Source *string `toml:"source"`
	Paths  any     `toml:"paths"`
	Use    *string `toml:"use"`
	Scope  *string `toml:"scope"`
	Where  *struct {
		Column any      `toml:"column"`
		In     []string `toml:"in"`
		NotIn  []string `toml:"not_in"`
	} `toml:"where"`
	Date   any     `toml:"date"`
	Within *string `toml:"within"`
}

var listCodeRE = regexp.MustCompile(`^[A-Z0-9_]+$`)

// Guarantees a guarantee:<g> list may name.
var listGuarantees = []string{"edu", "med", "house", "water"}

// reservedCode reports whether code belongs to a built-in rule (§5.3, §5.5,
// the checks' C_…), which a list may not take.
func reservedCode(code string) bool {
	if strings.HasPrefix(code, "C_") {
		return true
	}
	_, ok := Lookup(code)
	return ok
}

// readLists checks the blocks and makes their paths relative to the config
// file's folder. The error names the block (its number, and its code where
// it has one).
func readLists(blocks []listBlock, configName string) ([]List, error) {
	var out []List
	seen := map[string]int{}
	for i, b := range blocks {
		name := fmt.Sprintf("[[lists]] 第%d个", i+1)
		if b.Code != nil && *b.Code != "" {
			name += fmt.Sprintf("（code = %q）", *b.Code)
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s：%s", name, fmt.Sprintf(format, args...))
		}
		for key, v := range map[string]*string{"code": b.Code, "label": b.Label, "source": b.Source, "use": b.Use} {
			if v == nil || strings.TrimSpace(*v) == "" {
				return nil, fail("缺少 %s（code、label、source、paths、use 必填）", key)
			}
		}
		l := List{Code: *b.Code, Label: *b.Label, Source: *b.Source, Scope: "all"}
		switch {
		case !listCodeRE.MatchString(l.Code):
			return nil, fail("code 只能由大写字母、数字和 _ 组成")
		case reservedCode(l.Code):
			return nil, fail("code %s 与内置规则重名（SPEC §5.3、§5.5 的编码及 C_ 开头的编码不可用）", l.Code)
		}
		if j, ok := seen[l.Code]; ok {
			return nil, fail("code %s 与第%d个重复", l.Code, j)
		}
		seen[l.Code] = i + 1
		paths, err := stringList(b.Paths)
		if err != nil || len(paths) == 0 {
			return nil, fail("缺少 paths（文件或文件夹，例如 paths = [\"部门数据/车辆登记.xlsx\"]）")
		}
		for _, p := range paths {
			if !filepath.IsAbs(p) && configName != "" {
				p = filepath.Join(filepath.Dir(configName), p)
			}
			l.Paths = append(l.Paths, p)
		}
		use, arg, _ := strings.Cut(*b.Use, ":")
		l.Use, l.UseArg = use, arg
		switch {
		case (use == "asset" || use == "discrepancy") && arg == "":
		case use == "risk" && arg != "":
		case use == "guarantee" && contains(listGuarantees, arg):
		default:
			return nil, fail("use = %q 不可用（asset、discrepancy、risk:<因病|因残|因学|因灾|…> 或 guarantee:<edu|med|house|water>）", *b.Use)
		}
		if b.Scope != nil {
			l.Scope = *b.Scope
		}
		if !contains([]string{"candidates", "monitored", "all"}, l.Scope) {
			return nil, fail("scope = %q 不可用（candidates、monitored 或 all）", l.Scope)
		}
		if b.Where != nil {
			cols, err := stringList(b.Where.Column)
			if err != nil || len(cols) == 0 {
				return nil, fail("where 需要 column（列名，或列名的列表）")
			}
			if (len(b.Where.In) > 0) == (len(b.Where.NotIn) > 0) {
				return nil, fail("where 需要 in 或 not_in 之一")
			}
			l.WhereColumns, l.In, l.NotIn = cols, b.Where.In, b.Where.NotIn
		}
		if b.Date != nil {
			if l.Date, err = stringList(b.Date); err != nil {
				return nil, fail("date 应为列名或列名的列表")
			}
		}
		if b.Within != nil {
			if *b.Within != "window" {
				return nil, fail("within = %q 不可用（只可为 \"window\"）", *b.Within)
			}
			if len(l.Date) == 0 {
				return nil, fail("within = \"window\" 需要 date（日期列名）")
			}
			l.Within = *b.Within
		}
		out = append(out, l)
	}
	return out, nil
}

// stringList reads a TOML string or array of strings.
func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		return []string{x}, nil
	case []any:
		var out []string
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("not a string: %v", e)
			}
			out = append(out, s)
		}
		return out, nil
	case []string:
		return x, nil
	}
	return nil, fmt.Errorf("not a string or a list of strings: %v", v)
}
