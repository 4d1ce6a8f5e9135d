package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
)

// deptRecorder also keeps the department lists' rows, as short text.
type deptRecorder struct{ recorder }

func (r *deptRecorder) Police(s load.Source, x *load.Police) error {
	r.got = append(r.got, fmt.Sprintf("police %d %s %s %s %s %q %q", x.Row, x.ID, x.Name, x.Change, optDate(x.Date), x.Reason, x.Destination))
	return nil
}
func (r *deptRecorder) Aid(s load.Source, x *load.Aid) error {
	r.got = append(r.got, fmt.Sprintf("aid %d %s %s %q whole=%v %s..%s %s", x.Row, x.ID, x.Category, x.CategoryRaw, x.WholeHousehold,
		optDate(x.Start), optDate(x.End), x.Village))
	return nil
}
func (r *deptRecorder) Disability(s load.Source, x *load.Disability) error {
	r.got = append(r.got, fmt.Sprintf("disability %d %s %s grade=%d %s", x.Row, x.ID, x.Category, x.Grade, optDate(x.Issued)))
	return nil
}
func (r *deptRecorder) School(s load.Source, x *load.School) error {
	r.got = append(r.got, fmt.Sprintf("school %d %s dropout=%v %q %q", x.Row, x.ID, x.Dropout, x.Reason, x.Stage))
	return nil
}
func (r *deptRecorder) ListRow(s load.Source, x *load.ListRow) error {
	r.got = append(r.got, fmt.Sprintf("list %d %s %s %s where=%q", x.Row, x.Code, x.ID, optDate(x.Date), x.Where))
	return nil
}
func (r *deptRecorder) Reject(s load.Source, x *load.Reject) error {
	r.got = append(r.got, fmt.Sprintf("reject %d %s [%s]", x.Row, x.Reason, x.Raw))
	return nil
}

func optDate(d load.OptDate) string {
	if !d.Valid {
		return "-"
	}
	return d.Date.String()
}

func TestDepartmentLists(t *testing.T) {
	tests := []struct {
		name, file, body string
		kind             Kind
		list             *ListInput
		want             []string
		sheet            sheetWant
	}{{
		name: "police: 死亡 and 迁出 kept, other reasons and moves for school skipped; a masked ID is rejected showing only itself",
		file: "公安.csv", kind: Police,
		body: "身份证号,姓名,注销原因,注销日期,迁往地区\n" +
			"150521199010041213,张三,死亡注销,2023/3/1,\n" +
			"150521199010041214,李四,迁出（省外）,2022.10,通辽市\n" +
			"150521199010041215,王五,迁出,2022-10-01,某大学（升学）\n" +
			"150521199010041216,赵六,参军入伍,2022-10-01,\n" +
			"1505**********1217,孙七,死亡,2022-10-01,\n",
		want: []string{
			`police 2 150521199010041213 张三 死亡 2023-03-01 "死亡注销" ""`,
			// a date known only to the month: its last day (a payment counts
			// as after it from the next month's first day)
			`police 3 150521199010041214 李四 迁出 2022-10-31 "迁出（省外）" "通辽市"`,
			"reject 6 身份证号格式错误 [1505**********1217]",
		},
		sheet: sheetWant{kind: "police", read: 5, loaded: 2, rejected: 1, skipped: map[string]int{"reason": 2}},
	}, {
		name: "aid: 低保 (not 边缘), 特困 (供养), a row of no category skipped, 户主身份证号 stands for the household, 202108 is a month",
		file: "民政.csv", kind: Aid,
		body: "户主身份证号,姓名,保障类别,起始保障年月,停保日期,村\n" +
			"150521199010041213,张三,农村低保,202108,,一村\n" +
			"150521199010041214,李四,低保边缘,2021-08,,一村\n" +
			"150521199010041215,王五,分散供养,2020年3月,2023年5月14日,一村\n" +
			"150521199010041216,赵六,,2020-03-01,,一村\n",
		want: []string{
			"aid 2 150521199010041213 低保 \"农村低保\" whole=true 2021-08-01..- 一村",
			"aid 4 150521199010041215 特困 \"分散供养\" whole=true 2020-03-01..2023-05-14 一村",
		},
		sheet: sheetWant{kind: "aid", read: 4, loaded: 2, skipped: map[string]int{"category": 2}},
	}, {
		name: "aid: a file named 临时救助 makes every row 临时救助; a person's own ID is not the household's",
		file: "临时救助台账.csv", kind: Aid,
		body: "身份证号,姓名,救助类型,救助日期\n150521199010041213,张三,急难型,2022-08-01\n150521199010041214,李四,,2022-09-01\n",
		want: []string{
			"aid 2 150521199010041213 临时救助 \"急难型\" whole=false 2022-08-01..- ",
			"aid 3 150521199010041214 临时救助 \"\" whole=false 2022-09-01..- ",
		},
		sheet: sheetWant{kind: "aid", read: 2, loaded: 2, skipped: map[string]int{}},
	}, {
		name: "disability: a 20-character 残疾人证号 reduces to the ID and gives category and grade where the columns are blank",
		file: "残联.csv", kind: Disability,
		body: "残疾人证号,姓名,残疾类别,残疾等级,发证日期\n" +
			"15052119901004121342,张三,,,20230520\n" +
			"15052119901004121441,李四,肢体,三级,\n",
		want: []string{
			"disability 2 150521199010041213 肢体 grade=2 2023-05-20",
			"disability 3 150521199010041214 肢体 grade=3 -",
		},
		sheet: sheetWant{kind: "disability", read: 2, loaded: 2, skipped: map[string]int{}},
	}, {
		name: "school: a file named 辍学 without a dropout or stage column lists dropouts",
		file: "控辍保学_辍学学生台账.csv", kind: School,
		body:  "公民身份号码,姓名,学校全称\n150521201010041213,张三,某中学\n",
		want:  []string{`school 2 150521201010041213 dropout=true "" ""`},
		sheet: sheetWant{kind: "school", read: 1, loaded: 1, skipped: map[string]int{}},
	}, {
		name: "school: a filled dropout column is a dropout, an empty one with a stage is enrolment",
		file: "学生.csv", kind: School,
		body:  "身份证号,姓名,学段,辍学原因\n150521201010041213,张三,初中,厌学\n150521201010041214,李四,普通高中,\n",
		want:  []string{`school 2 150521201010041213 dropout=true "厌学" "初中"`, `school 3 150521201010041214 dropout=false "" "普通高中"`},
		sheet: sheetWant{kind: "school", read: 2, loaded: 2, skipped: map[string]int{}},
	}, {
		name: "[[lists]]: only IDs of surveyed households are loaded, the others counted not_surveyed; the where cell is folded",
		file: "车辆.csv", kind: ListKind("VEHICLE"),
		list: &ListInput{Code: "VEHICLE", Where: []string{"号牌种类", "车辆类型"}, Date: []string{"初次登记日期"},
			Surveyed: func(id string) bool { return id == "150521199010041213" }},
		body: "身份证号,姓名,车辆类型,初次登记日期\n" +
			"150521199010041213,张三,小型汽车（ＳＵＶ）,2020-01-01\n" +
			"150521199010041214,李四,小型汽车,2020-01-01\n",
		want:  []string{`list 2 VEHICLE 150521199010041213 2020-01-01 where="小型汽车(SUV)"`},
		sheet: sheetWant{kind: "list:VEHICLE", read: 2, loaded: 1, skipped: map[string]int{"not_surveyed": 1}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.file)
			if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			rec := &deptRecorder{}
			res, err := File(context.Background(), rec, Input{Path: path, Kind: tc.kind, List: tc.list})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Notices) > 0 {
				t.Errorf("notices %v", res.Notices)
			}
			if !reflect.DeepEqual(rec.got, tc.want) {
				t.Errorf("records:\n got:\n\t%s\nwant:\n\t%s", strings.Join(rec.got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
			if len(res.Sheets) != 1 {
				t.Fatalf("sheets %+v", res.Sheets)
			}
			s := res.Sheets[0]
			got := sheetWant{kind: string(s.Kind), read: s.Read, loaded: s.Loaded, rejected: s.Rejected, skipped: s.Skipped}
			if !reflect.DeepEqual(got, tc.sheet) {
				t.Errorf("accounting %+v, want %+v", got, tc.sheet)
			}
		})
	}
}

// With --in, a department list is classified by its columns (SPEC §3.5):
// a sheet with an aid category is aid even where it has card's columns.
func TestDepartmentListsClassified(t *testing.T) {
	tests := []struct{ file, body, kind string }{
		{"a.csv", "身份证号,姓名,注销原因,注销日期\n150521199010041213,张三,死亡,2023-01-01\n", "police"},
		{"b.csv", "身份证号,姓名,救助类型,发放金额,发放日期\n150521199010041213,张三,临时救助,100,2023-01-01\n", "aid"},
		{"c.csv", "身份证号,姓名,残疾等级\n150521199010041213,张三,二级\n", "disability"},
		{"d.csv", "身份证号,姓名,学段\n150521199010041213,张三,小学\n", "school"},
		{"e.csv", "身份证号,姓名,发放金额,发放日期\n150521199010041213,张三,100,2023-01-01\n", "card"},
	}
	for _, tc := range tests {
		path := filepath.Join(t.TempDir(), tc.file)
		if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := File(context.Background(), &deptRecorder{}, Input{Path: path, Kind: Any})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Sheets) != 1 || string(res.Sheets[0].Kind) != tc.kind || res.Sheets[0].Loaded != 1 {
			t.Errorf("%s: %+v, want one row loaded as %s", tc.body, res.Sheets, tc.kind)
		}
	}
}

// A [[lists]] file with none of its where columns cannot be used: the file
// fails (exit 3), naming the columns tried.
func TestListWithoutWhereColumn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "车辆.csv")
	if err := os.WriteFile(path, []byte("身份证号,姓名\n150521199010041213,张三\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := File(context.Background(), &deptRecorder{}, Input{Path: path, Kind: ListKind("VEHICLE"),
		List: &ListInput{Code: "VEHICLE", Where: []string{"号牌种类", "车辆类型"}, Surveyed: func(string) bool { return true }}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Failed() || !strings.Contains(fmt.Sprint(res.Notices), "号牌种类、车辆类型") {
		t.Errorf("notices %v, want the file failed naming 号牌种类、车辆类型", res.Notices)
	}
}

func TestMonthOnly(t *testing.T) {
	tests := []struct {
		raw        string
		start, end string // "" = not a month
	}{
		{"2023-03", "2023-03-01", "2023-03-31"},
		{"2024/2", "2024-02-01", "2024-02-29"},
		{"2022年12月", "2022-12-01", "2022-12-31"},
		{"202108", "2021-08-01", "2021-08-31"},
		{"２０２１．０８", "2021-08-01", "2021-08-31"},
		{"2023-03-01", "", ""},
		{"2023-13", "", ""},
		{"44927", "", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		for _, end := range []bool{false, true} {
			d, ok := monthOnly(tc.raw, end)
			want := tc.start
			if end {
				want = tc.end
			}
			got := ""
			if ok {
				got = d.String()
			}
			if got != want {
				t.Errorf("monthOnly(%q, end=%v) = %q, want %q", tc.raw, end, got, want)
			}
		}
	}
}

// FuzzListCells: the parsers of a department list's cells never panic, and
// a month they read is a real date whose end is not before its start.
func FuzzListCells(f *testing.F) {
	for _, s := range []string{"2023-03", "202108", "2022年12月", "15052119901004121342", "1505**********1217", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if a, ok := monthOnly(raw, false); ok {
			b, _ := monthOnly(raw, true)
			if b < a || b-a > 30 {
				t.Errorf("monthOnly(%q): %s..%s", raw, a, b)
			}
		}
		c, g := certificate(raw)
		if c < 0 || c >= len(disabilityCategories) || g < 0 || g > 4 {
			t.Errorf("certificate(%q) = %d, %d", raw, c, g)
		}
		_ = aidCategory(normalize.Fold(raw), false)
	})
}
