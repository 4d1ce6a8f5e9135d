package pipeline_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/explain"
	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// nid builds a valid resident ID: region 150521, the birth date, a sequence
// whose last digit is odd for a man.
func nid(birth string, seq int) string {
	s := fmt.Sprintf("150521%s%03d", birth, seq)
	return s + string(normalize.CheckChar(s))
}

// national writes a workbook the way the national monitoring system exports
// it (SPEC §3.3.1): two title rows, the header on row 3, one row per person
// with the household fields repeated on every row. A cell "#202210" is
// written as a number, every other cell as text.
func national(t *testing.T, path string, header []string, rows [][]string) {
	t.Helper()
	f := excelize.NewFile()
	sh := "监测对象信息"
	f.SetSheetName("Sheet1", sh)
	set := func(c, r int, v string) {
		cell, _ := excelize.CoordinatesToCellName(c+1, r)
		var err error
		if strings.HasPrefix(v, "#") {
			var n float64
			fmt.Sscan(v[1:], &n)
			err = f.SetCellValue(sh, cell, n)
		} else if v != "" {
			err = f.SetCellStr(sh, cell, v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	set(0, 1, "全国防返贫监测信息系统（自定义查询）— 监测对象及脱贫户、一般农户家庭成员信息")
	set(0, 2, "导出单位：某旗乡村振兴局　　导出时间：2023-05-22 17:16:28")
	for c, h := range header {
		set(c, 3, h)
	}
	for r, row := range rows {
		if len(row) != len(header) {
			t.Fatalf("row %d has %d cells for %d columns", r+4, len(row), len(header))
		}
		for c, v := range row {
			set(c, r+4, v)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestNationalExport reads two national exports of different column
// subsets and orders and shows what a county would see: six months counted
// from a YYYYMM date (a number or a text), guarantees from their status
// columns with their polarity, measure text under the guarantee names never
// taken for a status, sex codes, grades from 残疾人证号, bad values kept as
// blank and counted, household fields taken from the first row.
func TestNationalExport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "survey")
	// 自定义查询 export: status columns with their polarity, and measure text
	// under 义务教育保障, 住房安全保障, 饮水安全保障.
	national(t, filepath.Join(in, "白兴吐苏木", "东升村_监测对象信息（自定义查询）.xlsx"),
		[]string{"序号", "县", "乡", "村", "户编号", "户类型", "监测对象类别", "识别监测时间", "风险是否已消除", "家庭人口数",
			"是否危房户", "是否解决安全饮用水", "是否义务教育阶段适龄儿童少年失学辍学", "是否有家庭成员未参加城乡居民（职工）基本医疗保险",
			"姓名", "证件类型", "证件号码", "性别", "与户主关系", "健康状况", "劳动技能", "在校生状况",
			"工资性收入（元）", "生产经营性收入（元）", "转移性收入（元）", "义务教育保障", "住房安全保障", "饮水安全保障",
			"致贫/返贫风险1", "致贫/返贫风险2", "实施开发式帮扶措施情况", "产业帮扶", "帮扶责任人"},
		[][]string{
			// identified 202210 (a number): past six months at 2023-05-15
			{"#1", "某旗", "白兴吐苏木", "东升村", "1505211012040001", "脱贫户", "脱贫不稳定户", "#202210", "否", "#2",
				"否", "是", "否", "否", "王大", "居民身份证", nid("19800101", 11), "1", "户主", "健康", "普通劳动力", "",
				"#30000", "#5000", "#1000", "教育资助,营养改善", "", "饮水安全巩固提升", "因病", "", "已实施", "种植业", "李干部"},
			{"#2", "某旗", "白兴吐苏木", "东升村", "1505211012040001", "脱贫户", "脱贫不稳定户", "#202210", "否", "#2",
				"否", "是", "否", "否", "刘二", "居民身份证", nid("19820202", 22), "2", "配偶", "健康", "普通劳动力", "",
				"#30000", "#5000", "#1000", "营养改善,教育资助", "", "饮水安全巩固提升", "因病", "", "已实施", "种植业", "李干部"},
			// identified 202212 (a text): not yet six months
			{"#3", "某旗", "白兴吐苏木", "东升村", "1505211012040002", "一般户", "边缘易致贫户", "202212", "否", "#1",
				"否", "是", "否", "否", "张三", "居民身份证", nid("19750303", 31), "男", "户主", "健康", "普通劳动力", "",
				"#40000", "#0", "#0", "", "", "", "因务工就业不稳定", "", "尚未实施", "", "李干部"},
			// 2022年11月 is past six months, but 是否危房户 是: house 否; a later
			// row's different 工资性收入 is reported, not merged
			{"#4", "某旗", "白兴吐苏木", "东升村", "1505211012040003", "脱贫户", "脱贫不稳定户", "2022年11月", "否", "#2",
				"是", "是", "否", "否", "赵四", "居民身份证", nid("19700404", 41), "1", "户主", "健康", "普通劳动力", "",
				"#30000", "#0", "#0", "", "农房抗震改造", "", "因安全住房", "", "已实施", "养殖业", "李干部"},
			{"#5", "某旗", "白兴吐苏木", "东升村", "1505211012040003", "脱贫户", "脱贫不稳定户", "2022年11月", "否", "#2",
				"是", "是", "否", "否", "钱五", "居民身份证", nid("19720505", 52), "2", "配偶", "健康", "普通劳动力", "",
				"#31000", "#0", "#0", "", "农房抗震改造", "", "因安全住房", "", "已实施", "养殖业", "李干部"},
			// a month 13, a sex 3 and a certificate with grade digit 9: kept, blank
			{"#6", "某旗", "白兴吐苏木", "东升村", "1505211012040004", "脱贫户", "脱贫不稳定户", "202213", "否", "#2",
				"否", "是", "否", "否", "孙六", "居民身份证", nid("19600606", 61), "3", "户主", "健康", "普通劳动力", "",
				"#30000", "#0", "#0", "", "", "", "因残", "", "尚未实施", "", "李干部"},
			{"#7", "某旗", "白兴吐苏木", "东升村", "1505211012040004", "脱贫户", "脱贫不稳定户", "202213", "否", "#2",
				"否", "是", "否", "否", "周七", "残疾人证", nid("19620707", 72) + "49", "2", "妻子", "残疾", "弱劳动力或半劳动力", "",
				"#30000", "#0", "#0", "", "", "", "因残", "", "尚未实施", "", "李干部"},
			// not monitored, under the line; a 20-character 残疾人证号 gives
			// grade 一级 (肢体); the first row's blank 识别监测时间 stays blank
			{"#8", "某旗", "白兴吐苏木", "东升村", "1505211012040005", "一般户", "", "", "否", "#2",
				"否", "否", "否", "否", "吴八", "残疾人证", nid("19550808", 81) + "41", "1", "本人", "残疾", "丧失劳动力", "",
				"#3000", "#0", "#2000", "", "", "", "", "", "", "", ""},
			{"#9", "某旗", "白兴吐苏木", "东升村", "1505211012040005", "一般户", "", "", "否", "#2",
				"否", "否", "否", "否", "郑九", "居民身份证", nid("20100909", 92), "2", "女儿", "健康", "无劳动力", "小学六年级",
				"#3000", "#0", "#2000", "", "", "", "", "", "", "", ""},
		})
	// A 基础信息 export: another subset in another order, the guarantees
	// named as such and holding 是/否 (status columns by the majority), and
	// 识别监测时间 202210.0; a 不清楚 makes that guarantee unknown.
	national(t, filepath.Join(in, "舍伯吐镇", "前进村_防返贫监测信息系统导出.xlsx"),
		[]string{"序号", "姓名", "证件号码", "与户主关系", "性别", "劳动技能", "健康状况", "识别监测时间", "监测对象类别",
			"户编号", "行政村", "乡(镇)", "户类型", "风险是否已消除", "工资性收入（元）", "财产性收入（元）",
			"义务教育保障", "基本医疗保障", "住房安全保障", "饮水安全保障"},
		[][]string{
			{"#1", "冯一", nid("19810101", 13), "户主", "男", "技能劳动力", "健康", "#202210.0", "突发严重困难户",
				"1505211042070001", "前进村", "舍伯吐镇", "一般户", "否", "#50000", "#0", "是", "是", "是", "是"},
			{"#2", "陈二", nid("19850202", 24), "配偶", "女", "普通劳动力", "健康", "#202210.0", "突发严重困难户",
				"1505211042070001", "前进村", "舍伯吐镇", "一般户", "否", "#50000", "#0", "是", "是", "是", "是"},
			{"#3", "褚三", nid("19790303", 33), "户主", "男", "普通劳动力", "健康", "2022-10", "脱贫不稳定户",
				"1505211042070002", "前进村", "舍伯吐镇", "脱贫户", "否", "#50000", "#0", "是", "是", "不清楚", "是"},
		})
	// Measure text under 义务教育保障 on most rows and no status column: the
	// column is a measure column, so education is unknown (not 是), and the
	// one 是 under it is neither a status nor a finding.
	national(t, filepath.Join(in, "舍伯吐镇", "新发村_监测对象信息（自定义查询）.xlsx"),
		[]string{"户编号", "乡", "村", "户类型", "监测对象类别", "识别监测时间", "风险是否已消除", "证件号码", "姓名", "与户主关系",
			"劳动技能", "工资性收入（元）", "义务教育保障", "基本医疗保障", "住房安全保障", "饮水安全保障"},
		[][]string{
			{"1505211042080001", "舍伯吐镇", "新发村", "脱贫户", "脱贫不稳定户", "202201", "否", nid("19800110", 15), "蒋一", "户主",
				"普通劳动力", "#50000", "教育资助", "是", "是", "是"},
			{"1505211042080002", "舍伯吐镇", "新发村", "脱贫户", "", "", "", nid("19800210", 25), "沈二", "户主",
				"普通劳动力", "#50000", "营养改善", "是", "是", "是"},
			{"1505211042080003", "舍伯吐镇", "新发村", "脱贫户", "", "", "", nid("19800310", 35), "韩三", "户主",
				"普通劳动力", "#50000", "是", "是", "是", "是"},
		})
	out := filepath.Join(dir, "out")
	db := filepath.Join(dir, "run.db")
	rep := run(t, pipeline.Config{Inputs: []discover.Spec{{Path: in, Kind: "survey"}}, Out: out, Params: rules.Defaults(),
		Formats: write.Formats{CSV: true}, DBPath: db})
	if rep.InputFailed() {
		t.Fatalf("input failure: %v", rep.Notices)
	}

	var b strings.Builder
	for _, name := range []string{"elimination.csv", "candidates.csv"} {
		text, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== %s\n%s", name, strings.TrimPrefix(string(text), "\uFEFF"))
	}
	summary, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Unknown []map[string]any `json:"unknown_values"`
	}
	if err := json.Unmarshal(summary, &s); err != nil {
		t.Fatal(err)
	}
	b.WriteString("== summary.json unknown_values\n")
	for _, u := range s.Unknown {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%v|%v\n", filepath.Base(u["file"].(string)), u["sheet"], u["column"], u["value"], u["count"], u["first_row"])
	}
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		`SELECT hh_key, coalesce(monitor_since::VARCHAR, '-'), g_edu, g_med, g_house, g_water,
			coalesce(m_compulsory_edu, '-'), coalesce(m_housing, '-'), coalesce(m_water, '-'), coalesce(m_industry, '-'),
			coalesce(risks, '-'), coalesce(dev_status::VARCHAR, '-'), coalesce(contact, '-'), wage FROM household ORDER BY 1`,
		`SELECT hh_key, g_source FROM household ORDER BY 1`,
		`SELECT hh_key, src_row, relation, coalesce(sex, '-'), disability, coalesce(disability_cat::VARCHAR, '-'), coalesce(school, '-') FROM person ORDER BY 1, 2`,
		`SELECT code, hh_key, src_row, field, value, other FROM survey_issue ORDER BY ALL`,
		`SELECT parse_filename(s.src_file), string_agg(f.field, ',' ORDER BY f.field) FROM sheet_field f JOIN source s USING (file_ord, sheet_ord) GROUP BY 1 ORDER BY 1`,
	} {
		fmt.Fprintf(&b, "== %s\n", strings.Join(strings.Fields(q), " "))
		rows, err := conn.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			v := make([]any, len(cols))
			p := make([]any, len(cols))
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			cells := make([]string, len(v))
			for i, x := range v {
				cells[i] = fmt.Sprint(x)
			}
			b.WriteString(strings.Join(cells, "|") + "\n")
		}
		rows.Close()
	}
	conn.Close()

	// explain shows where each guarantee came from and the §3.3.1 fields.
	edb, err := explain.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer edb.Close()
	for _, key := range []string{"1505211012040003", "1505211042080001"} {
		r, err := edb.Explain(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		if err := r.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== paicha explain %s (survey lines)\n", key)
		for _, line := range strings.Split(text.String(), "\n") {
			for _, mark := range []string{"三保障及饮水", "  依据：", "致贫/返贫风险", "帮扶措施", "实施开发式", "同户成员", "  王大", "  赵四", "  钱五", "  蒋一"} {
				if strings.HasPrefix(line, mark) {
					if i := strings.LastIndex(line, " — "); i >= 0 {
						line = line[:i] // the source names the test's temporary folder
					}
					b.WriteString(line + "\n")
					break
				}
			}
		}
	}
	golden(t, filepath.Join("testdata", "national.golden"), b.String())
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -run %s -update rewrites it):\n%s", path, t.Name(), got)
	}
}
