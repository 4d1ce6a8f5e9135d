package rules

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const vehicleBlock = `
[[lists]]
code   = "VEHICLE"
label  = "家庭成员名下有机动车"
source = "公安交管"
paths  = ["部门数据/车辆登记.xlsx"]
use    = "asset"
scope  = "candidates"
where  = { column = ["号牌种类", "车辆类型"], not_in = ["摩托车", "三轮汽车"] }
date   = ["初次登记日期", "登记日期"]
`

func TestListsRead(t *testing.T) {
	p := Defaults()
	cfg := filepath.Join("county", "params.toml")
	if err := p.LoadTOML(vehicleBlock+`
[[lists]]
code = "WATER"
label = "饮水不安全"
source = "水利"
paths = "饮水.csv"
use = "guarantee:water"
date = "鉴定日期"
within = "window"
`, cfg); err != nil {
		t.Fatal(err)
	}
	want := []List{
		{Code: "VEHICLE", Label: "家庭成员名下有机动车", Source: "公安交管",
			Paths: []string{filepath.Join("county", "部门数据", "车辆登记.xlsx")}, Use: "asset", Scope: "candidates",
			WhereColumns: []string{"号牌种类", "车辆类型"}, NotIn: []string{"摩托车", "三轮汽车"},
			Date: []string{"初次登记日期", "登记日期"}},
		{Code: "WATER", Label: "饮水不安全", Source: "水利", Paths: []string{filepath.Join("county", "饮水.csv")},
			Use: "guarantee", UseArg: "water", Scope: "all", Date: []string{"鉴定日期"}, Within: "window"},
	}
	if !reflect.DeepEqual(p.Lists, want) {
		t.Errorf("lists:\n got %+v\nwant %+v", p.Lists, want)
	}
}

// A bad block is a config error that names it (SPEC §3.5).
func TestListsBadBlock(t *testing.T) {
	block := func(code, use, extra string) string {
		return "[[lists]]\ncode = \"" + code + "\"\nlabel = \"名单\"\nsource = \"某局\"\npaths = [\"a.csv\"]\nuse = \"" + use + "\"\n" + extra
	}
	tests := []struct{ name, text, err string }{
		{"missing label", "[[lists]]\ncode = \"A\"\nsource = \"某局\"\npaths = [\"a.csv\"]\nuse = \"asset\"\n", `第1个（code = "A"）：缺少 label`},
		{"missing paths", "[[lists]]\ncode = \"A\"\nlabel = \"x\"\nsource = \"某局\"\nuse = \"asset\"\n", "缺少 paths"},
		{"unknown use", block("A", "verdict", ""), `use = "verdict" 不可用`},
		{"risk without a name", block("A", "risk:", ""), `use = "risk:" 不可用`},
		{"unknown guarantee", block("A", "guarantee:food", ""), `use = "guarantee:food" 不可用`},
		{"duplicate code", block("A", "asset", "") + block("A", "asset", ""), "第2个（code = \"A\"）：code A 与第1个重复"},
		{"a §5.3 code", block("HIGH_MEDICAL", "asset", ""), "与内置规则重名"},
		{"a §5.5 code", block("DEATH_NOT_MARKED", "asset", ""), "与内置规则重名"},
		{"a check code", block("C_VEHICLE", "asset", ""), "与内置规则重名"},
		{"lower-case code", block("vehicle", "asset", ""), "大写字母"},
		{"bad scope", block("A", "asset", "scope = \"town\"\n"), `scope = "town"`},
		{"where without in", block("A", "asset", "where = { column = \"x\" }\n"), "in 或 not_in"},
		{"within without date", block("A", "asset", "within = \"window\"\n"), "需要 date"},
		{"unknown key", block("A", "asset", "wher = 1\n"), "lists.wher"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Defaults()
			err := p.LoadTOML(tc.text, "conf.toml")
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "conf.toml") {
				t.Errorf("error %v, want one naming conf.toml and containing %q", err, tc.err)
			}
		})
	}
}
