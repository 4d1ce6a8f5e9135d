package header

import (
	"reflect"
	"strings"
	"testing"
)

func rows(lines ...string) []Row {
	var out []Row
	for i, l := range lines {
		if l == "" {
			continue // a blank row: the reader does not report it
		}
		out = append(out, Row{Num: i + 1, Cells: strings.Split(l, "|")})
	}
	return out
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name        string
		fields      Fields
		rows        []Row
		ok          bool
		first, last int
		cols        map[string][]int // only the fields listed are checked
	}{{
		name:   "plain header on row 1",
		fields: Card,
		rows:   rows("序号|乡镇|村|姓名|身份证号|补贴项目|发放金额|发放日期|发放状态|流水号", "1|镇|村|张三|150521199010041213|养老金|188.00|2022-04-10|已发放|Y1"),
		ok:     true, first: 1, last: 1,
		cols: map[string][]int{"id": {4}, "amount": {6}, "date": {7}, "status": {8}, "serial": {9}, "township": {1}, "village": {2}},
	}, {
		name:   "title rows above, unit suffixes, full-width brackets",
		fields: Card,
		rows: rows("科左中旗惠民惠农财政补贴资金“一卡通”发放明细表", "",
			"序号|苏木乡镇|嘎查村|领取人姓名|公民身份号码|项目名称|金额（元）|发放时间|状态|发放流水号"),
		ok: true, first: 3, last: 3,
		cols: map[string][]int{"id": {4}, "amount": {6}, "date": {7}, "name": {3}, "township": {1}, "village": {2}},
	}, {
		name:   "two-row merged header: group names above, specific names below",
		fields: Survey,
		rows: rows("某嘎查入户排查表",
			"户编号|姓名|身份证号|与户主关系|收入情况|||||支出|三保障",
			"||||工资性收入|生产经营性收入|财产性收入|转移性收入|理赔收入|合规自付支出|义务教育保障",
			"1505|张三|150521199010041213|户主|100|0|0|0|0|0|是"),
		ok: true, first: 2, last: 3,
		cols: map[string][]int{"hh_no": {0}, "id": {2}, "relation": {3}, "wage": {4}, "transfer": {7}, "selfpay": {9}, "edu": {10}},
	}, {
		name:   "two-row header where the lower row matches more",
		fields: Survey,
		rows: rows("户编号|成员信息|||收入",
			"|姓名|身份证号|与户主关系|工资性收入|生产经营性收入|转移性收入"),
		ok: true, first: 1, last: 2,
		cols: map[string][]int{"hh_no": {0}, "name": {1}, "id": {2}, "wage": {4}},
	}, {
		name:   "priority among aliases: 结算日期 before 出院日期 whatever the column order",
		fields: Medical,
		rows:   rows("序号|姓名|身份证号|出院日期|结算日期|合规自付"),
		ok:     true, first: 1, last: 1,
		cols: map[string][]int{"date": {4, 3}, "selfpay": {5}},
	}, {
		name:   "spaces, line breaks and a required-marker asterisk in header cells",
		fields: Card,
		rows:   rows("*身份证\n号码|发 放 金 额|发放日期（年月日）"),
		ok:     true, first: 1, last: 1,
		cols: map[string][]int{"id": {0}, "amount": {1}, "date": {2}},
	}, {
		name:   "aliases that contain brackets themselves",
		fields: Card,
		rows:   rows("乡(镇)|村(嘎查)|身份证号|金额|发放日期", "乡镇（街道）|行政村|身份证号|金额|发放日期"),
		ok:     true, first: 1, last: 1,
		cols: map[string][]int{"township": {0}, "village": {1}},
	}, {
		name:   "no known names at all",
		fields: Card,
		rows:   rows("说明", "本表由系统导出，请勿修改"),
		ok:     false,
	}, {
		name:   "a header below row 20 is not looked for",
		fields: Card,
		rows:   append(rows(strings.Repeat("备注\n", 1)), Row{Num: 21, Cells: []string{"身份证号", "金额", "发放日期"}}),
		ok:     false,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, ok := Detect(tc.rows, tc.fields)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (layout %+v)", ok, tc.ok, l)
			}
			if !ok {
				return
			}
			if l.FirstRow != tc.first || l.LastRow != tc.last {
				t.Errorf("header rows %d..%d, want %d..%d", l.FirstRow, l.LastRow, tc.first, tc.last)
			}
			for f, want := range tc.cols {
				if got := l.Cols[f]; !reflect.DeepEqual(got, want) {
					t.Errorf("column of %s = %v, want %v", f, got, want)
				}
			}
		})
	}
}

// Every alias of every field is recognised, also with a unit suffix.
func TestEveryAlias(t *testing.T) {
	for kind, fs := range map[string]Fields{"card": Card, "medical": Medical, "survey": Survey} {
		for _, f := range fs {
			for _, a := range f.Aliases {
				for _, spelled := range []string{a, a + "（元）", " " + a + "\n"} {
					l, ok := Detect([]Row{{Num: 1, Cells: []string{"序号", spelled}}}, fs)
					if !ok || !reflect.DeepEqual(l.Cols[f.Name], []int{1}) {
						t.Errorf("%s: %q not recognised as %s (got %v)", kind, spelled, f.Name, l.Cols)
					}
				}
			}
		}
	}
}

func FuzzDetect(f *testing.F) {
	f.Add("序号|身份证号|金额", "|发放日期|状态", "1|150521199010041213|12")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		rs := []Row{{1, strings.Split(a, "|")}, {2, strings.Split(b, "|")}, {3, strings.Split(c, "|")}}
		for _, fs := range []Fields{Card, Medical, Survey} {
			l, ok := Detect(rs, fs)
			if !ok {
				continue
			}
			if l.FirstRow < 1 || l.LastRow > 3 || l.FirstRow > l.LastRow {
				t.Fatalf("header rows %d..%d out of range", l.FirstRow, l.LastRow)
			}
			for field, cols := range l.Cols {
				seen := map[int]bool{}
				for _, c := range cols {
					if seen[c] {
						t.Fatalf("%s: column %d twice", field, c)
					}
					seen[c] = true
				}
			}
		}
	})
}

// Only a unit in brackets is ignored (SPEC §3): 公益性岗位(月数) is not
// 公益性岗位, 生产经营性支出（合计） is known by that name.
func TestBracketsOtherThanUnits(t *testing.T) {
	l, ok := Detect(rows("证件号码|户编号|公益性岗位(月数)|公益性岗位|生产经营性支出（合计）|人均纯收入（元）|耕地面积（亩）|乡"), Survey)
	if !ok {
		t.Fatal("no header")
	}
	for field, want := range map[string][]int{"welfare_job": {3}, "business_cost": {4}, "pc_declared": {5}, "township": {7}} {
		if got := l.Cols[field]; len(got) != len(want) || got[0] != want[0] {
			t.Errorf("column of %s = %v, want %v", field, got, want)
		}
	}
}
