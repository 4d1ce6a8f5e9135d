package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/paicha/paicha/pipeline/load"
)

// recorder is a Sink that keeps what it is given, as short text.
type recorder struct{ got []string }

func (r *recorder) Card(s load.Source, c *load.Card) error {
	r.got = append(r.got, fmt.Sprintf("card %d %s %v %s %s %s %s", c.Row, c.ID, c.IDValid, c.Name, c.Amount, c.Date, c.Serial))
	return nil
}
func (r *recorder) Medical(s load.Source, m *load.Medical) error {
	r.got = append(r.got, fmt.Sprintf("medical %d %s %s %s", m.Row, m.ID, m.Selfpay, m.Date))
	return nil
}
func (r *recorder) Household(s load.Source, h *load.Household) error {
	r.got = append(r.got, fmt.Sprintf("household %d %s %s %s %s wage=%s transfer=%s size=%v elim=%v",
		h.Row, h.Key, h.Village, h.Type, h.MonitorType, h.Wage, h.Transfer, h.SizeDeclared, h.Eliminated.Value))
	return nil
}
func (r *recorder) Person(s load.Source, p *load.Person) error {
	r.got = append(r.got, fmt.Sprintf("person %d %s %s %s %s %s", p.Row, p.HHKey, p.ID, p.Name, p.Relation, p.Status))
	return nil
}
func (r *recorder) Reject(s load.Source, x *load.Reject) error {
	r.got = append(r.got, fmt.Sprintf("reject %s %d %s", s.Sheet, x.Row, x.Reason))
	return nil
}

type sheetWant struct {
	sheet, kind            string
	read, loaded, rejected int
	skipped                map[string]int
}

func TestFile(t *testing.T) {
	tests := []struct {
		name   string
		file   string // name; .csv content is text, .xlsx content is sheets separated by "\n=== name\n"
		body   string
		kind   Kind
		want   []string // records, in order
		sheets []sheetWant
		notice string // substring of a notice ("" = none); failed says whether it fails the run
		failed bool
	}{{
		name: "card CSV: failed, summary, blank, mangled and malformed rows",
		file: "card.csv", kind: Card,
		body: "序号,姓名,身份证号,补贴项目,发放金额,发放日期,发放状态,流水号\n" +
			"1,张三,１５０５２１１９９０１００４１２１３,养老金,\"1,188.00元\",2022/5/1,已发放,Y1\n" +
			"2,张三,150521 19901004 1213,养老金,188,2022年5月1日,退回,Y2\n" +
			"\n" +
			"3,李四,1.50521E+17,养老金,188,2022-05-01,已发放,Y3\n" +
			"4,王五,150521199010041214,养老金,abc,2022-05-01,已发放,Y4\n" +
			"5,王五,150521199010041214,养老金,12,,已发放,Y5\n" +
			"6,赵六,150521900101121,养老金,-12.5,20230430,,Y6\n" +
			"合计,,,,1400,,,\n",
		want: []string{
			"card 2 150521199010041213 true 张三 1188.00 2022-05-01 Y1",
			"reject  5 身份证号被存为数字（科学计数法或小数），已丢失位数",
			"reject  6 发放金额“abc”不是金额",
			"reject  7 发放日期为空",
			"card 8 150521199001011215 true 赵六 -12.50 2023-04-30 Y6",
		},
		sheets: []sheetWant{{sheet: "", kind: "card", read: 8, loaded: 2, rejected: 3,
			skipped: map[string]int{"failed": 1, "blank": 1, "summary": 1}}},
	}, {
		name: "medical CSV without 合规自付: derived, floored at 0, refunds keep their sign",
		file: "med.csv", kind: Medical,
		body: "姓名,身份证号码,出院日期,政策范围内金额,基本医保统筹支付,大病支付,医疗救助\n" +
			"甲,150521199010041213,2022-06-01,1000.00,600.00,100.00,50.00\n" +
			"乙,150521199010041213,2022-06-02,100.00,90.00,20.00,0\n" +
			"丙,150521199010041213,2022-06-03,-1000.00,-600.00,0,0\n",
		want: []string{
			"medical 2 150521199010041213 250.00 2022-06-01",
			"medical 3 150521199010041213 0.00 2022-06-02",
			"medical 4 150521199010041213 -400.00 2022-06-03",
		},
		sheets: []sheetWant{{kind: "medical", read: 3, loaded: 3, skipped: map[string]int{}}},
	}, {
		name: "survey Layout A: title row, carried-down household fields, a bad 户类型 rejects the whole household",
		file: "s.xlsx", kind: Survey,
		body: "=== 入户排查表\n" +
			"某村入户排查表\n" +
			"户编号|户类型|家庭人口数|姓名|身份证号|与户主关系|人员状态|工资性收入|转移性收入（元）|村\n" +
			"H1|一般户|2|张三|150521199010041213|户主||1,000|500|一村\n" +
			"|||李四|15052119471014048x|配偶|死亡\n" +
			"H2|低保户|1|王五|150521199010041214|户主||0|0|一村\n" +
			"|||赵六|150521199010041215|之子\n" +
			"|||孙七|150521199010041216|户主||||二村\n" +
			"|||周八|1.50521E+17|之女\n",
		want: []string{
			// a short 户编号 is keyed with its 村 (SPEC §3.3); the household
			// is handed on when it ends (a blank field may fill from below)
			"person 3 一村/H1 150521199010041213 张三 户主 正常",
			"person 4 一村/H1 15052119471014048X 李四 配偶 死亡",
			"household 3 一村/H1 一村 一般户  wage=1000.00 transfer=500.00 size={2 true} elim=false",
			"reject 入户排查表 5 户类型“低保户”不是脱贫户、监测户或一般户",
			"reject 入户排查表 6 户类型“低保户”不是脱贫户、监测户或一般户",
			"person 7 150521199010041216 150521199010041216 孙七 户主 正常",
			"reject 入户排查表 8 身份证号被存为数字（科学计数法或小数），已丢失位数",
			"household 7 150521199010041216 二村 一般户  wage=0.00 transfer=0.00 size={0 false} elim=false",
		},
		sheets: []sheetWant{{sheet: "入户排查表", kind: "survey", read: 6, loaded: 3, rejected: 3, skipped: map[string]int{}}},
	}, {
		name: "a second 户主 row under a merged 户编号 is one more member unless it carries household fields",
		file: "m.xlsx", kind: Survey,
		body: "=== 表\n" +
			"户编号|户类型|家庭人口数|姓名|身份证号|与户主关系|工资性收入\n" +
			"H1|一般户|2|张三|150521199010041213|户主|100\n" +
			"|||李四|150521199010041214|户主\n" +
			"|脱贫户|1|王五|150521199010041215|户主|50\n",
		want: []string{
			// no 乡镇 or 村: a short 户编号 is keyed with its file and sheet
			"person 2 m.xlsx[表]/H1 150521199010041213 张三 户主 正常",
			"person 3 m.xlsx[表]/H1 150521199010041214 李四 户主 正常",
			"household 2 m.xlsx[表]/H1  一般户  wage=100.00 transfer=0.00 size={2 true} elim=false",
			"person 4 150521199010041215 150521199010041215 王五 户主 正常",
			"household 4 150521199010041215  脱贫户  wage=50.00 transfer=0.00 size={1 true} elim=false",
		},
		sheets: []sheetWant{{sheet: "表", kind: "survey", read: 3, loaded: 3, skipped: map[string]int{}}},
	}, {
		name: "survey Layout B: household sheet and person sheet joined on 户编号, an instructions sheet noted",
		file: "b.xlsx", kind: Any,
		body: "=== 填表说明\n请按要求填写\n" +
			"=== 成员\n户编号|姓名|证件号码|与户主关系\nB1|张三|150521199010041213|户主\nB2|李四|150521199010041214|户主\nB9|王五|150521199010041215|户主\n" +
			"=== 户信息\n户编号|户类型|监测对象类别|风险是否已消除|工资性收入\nB1|脱贫户|脱贫不稳定户|是|100\nB2|贫困户||否|0\n",
		want: []string{
			"household 2 b.xlsx[户信息]/B1  脱贫户 脱贫不稳定户 wage=100.00 transfer=0.00 size={0 false} elim=true",
			"reject 户信息 3 户类型“贫困户”不是脱贫户、监测户或一般户",
			"person 2 b.xlsx[户信息]/B1 150521199010041213 张三 户主 正常",
			"reject 成员 3 户类型“贫困户”不是脱贫户、监测户或一般户",
			"reject 成员 4 户编号“B9”不在户信息表中",
		},
		sheets: []sheetWant{
			{sheet: "户信息", kind: "survey", read: 2, loaded: 1, rejected: 1, skipped: map[string]int{}},
			{sheet: "成员", kind: "survey", read: 3, loaded: 1, rejected: 2, skipped: map[string]int{}},
		},
		notice: "没有可识别的表头",
	}, {
		name: "--in classifies a medical export by its header",
		file: "x.csv", kind: Any,
		body:   "身份证号,结算日期,合规自付\n150521199010041213,2022-06-01,12.5\n",
		want:   []string{"medical 2 150521199010041213 12.50 2022-06-01"},
		sheets: []sheetWant{{kind: "medical", read: 1, loaded: 1, skipped: map[string]int{}}},
	}, {
		name: "a card export lacking the amount column: named, with the names tried",
		file: "c.csv", kind: Card,
		body:   "姓名,身份证号,发放日期,补贴项目\n张三,150521199010041213,2022-06-01,养老金\n",
		notice: "缺少必需的列「发放金额」（可用的列名：发放金额、金额、补贴金额、实发金额）", failed: true,
	}, {
		name: "a file with no known header at all",
		file: "n.csv", kind: Card,
		body:   "a,b\n1,2\n",
		notice: "没有找到可识别的表头", failed: true,
	}, {
		name: "--in: IDs and relations without any household field are not a survey (SPEC §3.4)",
		file: "l.csv", kind: Any,
		body:   "户编号,姓名,身份证号,与户主关系\n1,张三,150521199010041213,户主\n",
		notice: "不像入户排查表，已跳过",
	}, {
		name: "the national export with 监测对象类别 needs 风险是否已消除 (SPEC §3.3.1)",
		file: "n.xlsx", kind: Survey,
		body: "=== 监测对象信息\n全国防返贫监测信息系统\n导出单位\n" +
			"户编号|户类型|监测对象类别|姓名|证件号码|与户主关系|工资性收入\n" +
			"1505211012040001|脱贫户|脱贫不稳定户|张三|150521199010041213|户主|100\n",
		notice: "缺少必需的列「风险是否已消除」", failed: true,
	}, {
		name: "a text file named .xlsx",
		file: "t.xlsx", kind: Card,
		body:   "身份证号,金额\n",
		notice: "xlsx", failed: true,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.file)
			if strings.HasSuffix(tc.file, ".xlsx") && strings.HasPrefix(tc.body, "===") {
				writeXLSX(t, path, tc.body)
			} else if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			rec := &recorder{}
			res, err := File(context.Background(), rec, Input{Path: path, Kind: tc.kind})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rec.got, tc.want) && !(len(rec.got) == 0 && len(tc.want) == 0) {
				t.Errorf("records:\n got:\n\t%s\nwant:\n\t%s", strings.Join(rec.got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
			var got []sheetWant
			for _, s := range res.Sheets {
				if s.Read != s.Loaded+s.Rejected+sum(s.Skipped) {
					t.Errorf("sheet %q: read %d != loaded %d + skipped %v + rejected %d", s.Sheet, s.Read, s.Loaded, s.Skipped, s.Rejected)
				}
				got = append(got, sheetWant{s.Sheet, string(s.Kind), s.Read, s.Loaded, s.Rejected, s.Skipped})
			}
			if !reflect.DeepEqual(got, tc.sheets) && !(len(got) == 0 && len(tc.sheets) == 0) {
				t.Errorf("accounting:\n got %+v\nwant %+v", got, tc.sheets)
			}
			var notes []string
			for _, n := range res.Notices {
				notes = append(notes, n.String())
			}
			all := strings.Join(notes, "\n")
			if tc.notice == "" && len(notes) > 0 || tc.notice != "" && !strings.Contains(all, tc.notice) {
				t.Errorf("notices %q, want one containing %q", notes, tc.notice)
			}
			if res.Failed() != tc.failed {
				t.Errorf("failed = %v, want %v", res.Failed(), tc.failed)
			}
		})
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// writeXLSX builds a workbook from "=== sheet" blocks of "|"-separated rows.
func writeXLSX(t *testing.T, path, body string) {
	t.Helper()
	f := excelize.NewFile()
	first := true
	for _, block := range strings.Split(strings.TrimPrefix(body, "=== "), "\n=== ") {
		lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
		name := lines[0]
		if first {
			f.SetSheetName("Sheet1", name)
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, line := range lines[1:] {
			for c, v := range strings.Split(line, "|") {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellStr(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// issueRecorder also keeps what reading a survey found.
type issueRecorder struct {
	recorder
	fields []string
}

func (r *issueRecorder) SheetField(s load.Source, f *load.SheetField) error {
	r.fields = append(r.fields, f.Field)
	return nil
}
func (r *issueRecorder) SurveyIssue(s load.Source, x *load.SurveyIssue) error {
	r.got = append(r.got, fmt.Sprintf("issue %d %s %s %s %q %q", x.Row, x.HHKey, x.Code, x.Field, x.Value, x.Other))
	return nil
}

// Household fields repeated on every member row (the national export) are
// taken from the household's first row; a field blank there takes the first
// value below, with no finding; a different value is reported once per
// household and field, after the field's normalisation (SPEC §3.3.1, §9).
func TestHouseholdFieldsOnEveryRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.xlsx")
	writeXLSX(t, path, "=== 监测对象信息\n全国防返贫监测信息系统\n导出单位\n"+
		"户编号|户类型|监测对象类别|识别监测时间|风险是否已消除|姓名|证件号码|性别|与户主关系|工资性收入（元）|转移性收入|产业帮扶\n"+
		"1505211012040001|脱贫户||202210|否|张三|150521199010041213|1|户主|100|0|种植业,养殖业\n"+
		"1505211012040001|脱贫户|脱贫不稳定户|2022-10|否|李四|150521199010041214|2|配偶|100.00|0|养殖业、种植业\n"+
		"1505211012040001|脱贫户|边缘易致贫户|202210|否|王五|150521199010041215|1|之子|120|5|种植业\n"+
		"1505211012040001|脱贫户|边缘易致贫户|202211|否|赵六|150521199010041216|2|女儿|130|5|种植业\n")
	rec := &issueRecorder{}
	res, err := File(context.Background(), rec, Input{Path: path, Kind: Survey})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"person 4 1505211012040001 150521199010041213 张三 户主 正常",
		"person 5 1505211012040001 150521199010041214 李四 配偶 正常",
		`issue 6 1505211012040001 C_HH_FIELD_CONFLICT monitor_type "脱贫不稳定户" "边缘易致贫户"`,
		`issue 6 1505211012040001 C_HH_FIELD_CONFLICT wage "100" "120"`,
		`issue 6 1505211012040001 C_HH_FIELD_CONFLICT transfer "0" "5"`,
		`issue 6 1505211012040001 C_HH_FIELD_CONFLICT m_industry "种植业,养殖业" "种植业"`,
		"person 6 1505211012040001 150521199010041215 王五 之子 正常",
		`issue 7 1505211012040001 C_HH_FIELD_CONFLICT monitor_since "202210" "202211"`,
		"person 7 1505211012040001 150521199010041216 赵六 之女 正常",
		// 监测对象类别 was blank on the first row: the first value below
		"household 4 1505211012040001  脱贫户 脱贫不稳定户 wage=100.00 transfer=0.00 size={0 false} elim=false",
	}
	if !reflect.DeepEqual(rec.got, want) {
		t.Errorf("records:\n got:\n\t%s\nwant:\n\t%s", strings.Join(rec.got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if len(res.Sheets) != 1 || res.Sheets[0].Loaded != 4 {
		t.Errorf("accounting %+v, want 4 rows loaded", res.Sheets)
	}
	for _, f := range []string{"monitor_type", "m_industry", "sex", "wage"} {
		if !strings.Contains(","+strings.Join(rec.fields, ",")+",", ","+f+",") {
			t.Errorf("sheet fields %v lack %s", rec.fields, f)
		}
	}
}
