package nightly_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/paicha/paicha/fixtures"
	"github.com/paicha/paicha/pipeline/changes"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/nightly"
	"github.com/paicha/paicha/pipeline/normalize"
)

// county is a generated county plus a village of our own whose households the
// tests change between nights.
type county struct {
	t    *testing.T
	dir  string // inputs
	root string // output root
	cfg  *nightly.Config
	day  int
}

func newCounty(t *testing.T, keep int) *county {
	t.Helper()
	base := t.TempDir()
	c := &county{t: t, dir: filepath.Join(base, "data"), root: filepath.Join(base, "paicha")}
	if _, err := fixtures.Generate(context.Background(), c.dir, fixtures.Options{Households: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf(`line = 7500
[inputs]
survey = ["data/survey"]
card = ["data/card"]
medical = ["data/medical"]
[output]
root = "paicha"
keep = %d
`, keep)
	path := filepath.Join(base, "county.toml")
	c.write(path, conf)
	cfg, err := nightly.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	c.cfg = cfg
	return c
}

func (c *county) write(path, text string) {
	c.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

// run is one night: each a day after the previous one, at 01:30.
func (c *county) run(ctx context.Context) *nightly.Result {
	c.t.Helper()
	c.day++
	now := time.Date(2023, 5, 20+c.day, 1, 30, 0, 0, time.Local)
	return nightly.Run(ctx, c.cfg, nightly.Options{Now: func() time.Time { return now }, Workers: 2, Threads: 2})
}

// id makes a valid 18-digit ID (GB 11643) born on birth (YYYYMMDD).
func id(birth string, seq int) string {
	s := fmt.Sprintf("150521%s%03d", birth, seq)
	return s + string(normalize.CheckChar(s))
}

var (
	idZhang = id("19800101", 951) // 户主 of T001: income drops under the line (medical cost)
	idLi    = id("19820202", 962) // 配偶 of T001
	idWang  = id("19750303", 973) // T002: 一卡通 under another name, then fixed
	idZhao  = id("19700404", 984) // T003: a candidate whose income changes
	idQian  = id("19650505", 995) // T101: in the village file that appears on night 3
)

const surveyHeader = "乡镇,村,户编号,户类型,与户主关系,姓名,身份证号,家庭人口数,工资性收入,转移性收入,合规自付支出,义务教育保障,基本医疗保障,住房安全保障,饮水安全保障,劳动能力,健康状况\n"

func (c *county) village() {
	c.write(filepath.Join(c.dir, "survey", "新华镇", "团结村_入户排查表.csv"), surveyHeader+
		"新华镇,团结村,T001,一般户,户主,张大山,"+idZhang+",2,30000,0,0,是,是,是,是,普通劳动力,健康\n"+
		"新华镇,团结村,T001,,配偶,李秀英,"+idLi+",,,,,,,,,普通劳动力,健康\n"+
		"新华镇,团结村,T002,一般户,户主,王小明,"+idWang+",1,20000,0,0,是,是,是,是,普通劳动力,健康\n"+
		"新华镇,团结村,T003,一般户,户主,赵四,"+idZhao+",1,5000,0,0,是,是,是,是,普通劳动力,健康\n")
}

func (c *county) newVillage() {
	c.write(filepath.Join(c.dir, "survey", "新华镇", "红旗村_入户排查表.csv"), surveyHeader+
		"新华镇,红旗村,T101,一般户,户主,钱五,"+idQian+",1,4000,0,0,是,是,否,是,普通劳动力,健康\n")
}

func (c *county) card(rows ...string) {
	c.write(filepath.Join(c.dir, "card", "补发.csv"), "乡镇,村,姓名,身份证号,补贴项目,发放金额,发放日期,流水号\n"+strings.Join(rows, ""))
}

func (c *county) medical(rows ...string) {
	c.write(filepath.Join(c.dir, "medical", "补充结算.csv"), "姓名,身份证号码,结算日期,合规自付,结算流水号\n"+strings.Join(rows, ""))
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// changeSet is changes.csv as "变化 清单 户编号 内容 | 上次 | 本次" lines.
func changeSet(t *testing.T, dir string) []string {
	t.Helper()
	recs := readCSV(t, filepath.Join(dir, "changes.csv"))
	want := []string{"变化", "清单", "乡镇", "村", "户编号", "姓名", "身份证号", "内容", "上次", "本次"}
	if strings.Join(recs[0], ",") != strings.Join(want, ",") {
		t.Fatalf("changes.csv header %v, want %v", recs[0], want)
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, strings.Join([]string{r[0], r[1], r[4], r[7]}, " ")+" | "+r[8]+" | "+r[9])
	}
	sort.Strings(out)
	return out
}

func mustOK(t *testing.T, res *nightly.Result) {
	t.Helper()
	if res.Err != nil || res.Status != nightly.StatusOK {
		t.Fatalf("run %s: status %s exit %d: %v", res.Run, res.Status, res.Exit(), res.Err)
	}
}

func TestNightlyChanges(t *testing.T) {
	ctx := context.Background()
	c := newCounty(t, 30)
	c.village()
	c.card("新华镇,团结村,王晓明," + idWang + ",临时救助,50.00,2022-10-01,BF0001\n") // name differs from the survey
	c.medical()

	// Night 1: no previous run.
	r1 := c.run(ctx)
	mustOK(t, r1)
	if r1.Previous != "" {
		t.Errorf("first run compared with %s", r1.Previous)
	}
	if got := changeSet(t, r1.Dir); len(got) != 0 {
		t.Errorf("first run changes: %q", got)
	}
	sum, _ := os.ReadFile(filepath.Join(r1.Dir, "summary.json"))
	if !strings.Contains(string(sum), changes.NoPreviousRun) {
		t.Errorf("summary.json of the first run does not say there is no previous run:\n%s", sum)
	}

	// Night 2: T001's medical cost pushes it under the line; T002's name is fixed.
	c.card("新华镇,团结村,王小明," + idWang + ",临时救助,50.00,2022-10-01,BF0001\n")
	c.medical("张大山," + idZhang + ",2023-01-10,25000.00,JS9000001\n")
	r2 := c.run(ctx)
	mustOK(t, r2)
	if r2.Previous != r1.Dir {
		t.Errorf("night 2 compared with %q, want %q", r2.Previous, r1.Dir)
	}
	// A short 户编号 is keyed, and listed, with its 乡镇 and 村 (SPEC §3.3).
	want2 := []string{
		"新增 新识别监测对象候选 新华镇/团结村/T001 突发严重困难户 |  | 候选类型：突发严重困难户；纯收入：30000.00；人均纯收入：2500.00；风险因素：因病、大额医疗",
		"新增 疑点 新华镇/团结村/T001 合规自付支出与医保数据不符 |  | 申报值：0.00；比对值：25000.00",
		"新增 疑点 新华镇/团结村/T001 大额医疗自付 |  | 申报值：0.00；比对值：25000.00",
		"已解决 疑点 新华镇/团结村/T002 姓名与身份证号不一致 | 申报值：王小明；比对值：王晓明 | ",
	}
	checkSet(t, "night 2", changeSet(t, r2.Dir), want2)

	// Night 3: T003 gets a payment (income changes, still a candidate); a new
	// village file appears.
	c.card("新华镇,团结村,王小明,"+idWang+",临时救助,50.00,2022-10-01,BF0001\n",
		"新华镇,团结村,赵四,"+idZhao+",临时救助,1000.00,2022-12-01,BF0002\n")
	c.newVillage()
	r3 := c.run(ctx)
	mustOK(t, r3)
	want3 := []string{
		"有变化 新识别监测对象候选 新华镇/团结村/T003 边缘易致贫户 | 纯收入：5000.00；人均纯收入：5000.00 | 纯收入：6000.00；人均纯收入：6000.00",
		"新增 疑点 新华镇/团结村/T003 转移性收入与一卡通不符 |  | 申报值：0.00；比对值：1000.00",
		"新增 新识别监测对象候选 新华镇/红旗村/T101 边缘易致贫户 |  | 候选类型：边缘易致贫户；纯收入：4000.00；人均纯收入：4000.00；风险因素：三保障或饮水",
		"新增 疑点 新华镇/红旗村/T101 三保障或饮水安全存在风险 |  | 申报值：（空）；比对值：（空）",
	}
	checkSet(t, "night 3", changeSet(t, r3.Dir), want3)
	if got := r3.Report.Changes; got["新增"] != 3 || got["有变化"] != 1 || got["已解决"] != 0 {
		t.Errorf("night 3 counts %v", got)
	}

	// The township's workbook carries its rows of the 变化 sheet.
	f, err := excelize.OpenFile(filepath.Join(r3.Dir, "townships", "新华镇.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("变化")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(want3) {
		t.Errorf("townships/新华镇.xlsx 变化 has %d rows, want %d", len(rows), 1+len(want3))
	}
	for _, r := range rows[1:] {
		if r[2] != "新华镇" {
			t.Errorf("township workbook holds a row of %s", r[2])
		}
	}
	rf, err := excelize.OpenFile(filepath.Join(r3.Dir, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if idx, _ := rf.GetSheetIndex("变化"); idx < 0 {
		t.Error("report.xlsx has no 变化 sheet")
	}
	rf.Close()

	// Night 4, nothing changed: identical lists, no changes.
	r4 := c.run(ctx)
	mustOK(t, r4)
	if got := changeSet(t, r4.Dir); len(got) != 0 {
		t.Errorf("unchanged inputs gave changes: %q", got)
	}
	for _, f := range []string{"candidates.csv", "elimination.csv", "discrepancies.csv", "rejects.csv"} {
		a, _ := os.ReadFile(filepath.Join(r3.Dir, f))
		b, _ := os.ReadFile(filepath.Join(r4.Dir, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs over the same inputs", f)
		}
	}

	// latest, runs.jsonl, the run log and the database.
	if target, err := os.Readlink(filepath.Join(c.root, nightly.LatestDir)); err != nil || target != filepath.Join(nightly.RunsDir, r4.Run) {
		t.Errorf("latest → %q (%v), want runs/%s", target, err, r4.Run)
	}
	lines, err := nightly.ReadRunLines(c.root)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 4 {
		t.Fatalf("runs.jsonl has %d lines, want 4", len(lines))
	}
	for i, l := range lines {
		if l.Status != nightly.StatusOK || l.Counts == nil || l.Counts.Households == 0 || l.Start == nil {
			t.Errorf("runs.jsonl line %d: %+v", i+1, l)
		}
	}
	if lines[0].Changes != nil || lines[2].Changes["新增"] != 3 || lines[2].Previous != r2.Run {
		t.Errorf("runs.jsonl changes: %+v / %+v", lines[0], lines[2])
	}
	for _, f := range []string{nightly.RunLog, load.DBFile} {
		if _, err := os.Stat(filepath.Join(r4.Dir, f)); err != nil {
			t.Errorf("run folder: %v", err)
		}
	}
	log, _ := os.ReadFile(filepath.Join(r4.Dir, nightly.RunLog))
	for _, s := range []string{`"msg":"run start"`, `"stage":"rules"`, `"msg":"rows"`, `"msg":"run end"`, `"status":"ok"`} {
		if !bytes.Contains(log, []byte(s)) {
			t.Errorf("run.log lacks %s", s)
		}
	}
	for _, full := range []string{idZhang, idWang, idZhao} {
		if bytes.Contains(log, []byte(full)) {
			t.Error("run.log holds a full ID number")
		}
	}
}

func checkSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s changes:\n got  %s\n want %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

func TestNightlyLock(t *testing.T) {
	ctx := context.Background()
	c := newCounty(t, 30)
	if err := os.MkdirAll(c.root, 0o700); err != nil {
		t.Fatal(err)
	}

	// Another run holds the lock: this one does nothing and says why.
	held, _, err := nightly.Acquire(c.root, nightly.Holder{PID: os.Getpid(), Run: "2023-05-20T013000", Started: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	res := c.run(ctx)
	var le *nightly.LockedError
	if res.Status != nightly.StatusLocked || !errors.As(res.Err, &le) {
		t.Fatalf("run under a held lock: status %s exit %d err %v", res.Status, res.Exit(), res.Err)
	}
	if le.Holder.PID != os.Getpid() || !strings.Contains(res.Err.Error(), "正在进行") {
		t.Errorf("lock message %q", res.Err)
	}
	if ents, _ := os.ReadDir(filepath.Join(c.root, nightly.RunsDir)); len(ents) != 0 {
		t.Errorf("a locked-out run left %d entries in runs/", len(ents))
	}
	if err := held.Release(); err != nil {
		t.Fatal(err)
	}

	// A lock left by a dead process is taken over.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("cannot start a process:", err)
	}
	pid := dead.Process.Pid
	c.write(filepath.Join(c.root, nightly.LockFile), fmt.Sprintf(`{"pid":%d,"run":"2023-05-19T013000","started":"2023-05-19T01:30:00Z"}`, pid))
	res = c.run(ctx)
	mustOK(t, res)
	if res.Stale == nil || res.Stale.PID != pid {
		t.Errorf("stale lock not reported: %+v", res.Stale)
	}
	if b, _ := os.ReadFile(filepath.Join(c.root, nightly.LockFile)); len(b) != 0 {
		t.Errorf("lock file after the run: %q", b)
	}
	lines, _ := nightly.ReadRunLines(c.root)
	if len(lines) != 2 || lines[0].Status != nightly.StatusLocked || lines[1].Status != nightly.StatusOK {
		t.Errorf("runs.jsonl: %+v", lines)
	}
}

func TestNightlyRetentionAndFailure(t *testing.T) {
	ctx := context.Background()
	c := newCounty(t, 2)
	var ok []*nightly.Result
	for i := 0; i < 3; i++ {
		r := c.run(ctx)
		mustOK(t, r)
		ok = append(ok, r)
	}
	if len(ok[2].Pruned) != 1 || ok[2].Pruned[0] != ok[0].Run {
		t.Errorf("third run pruned %v, want [%s]", ok[2].Pruned, ok[0].Run)
	}

	// An interrupted run publishes nothing: latest stays, its log is kept in <stamp>-failed.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	bad := c.run(cctx)
	if bad.Status != nightly.StatusInterrupted || bad.Dir != "" {
		t.Fatalf("interrupted run: %+v", bad)
	}
	failedLog := filepath.Join(c.root, nightly.RunsDir, bad.Run+nightly.FailedSuffix, nightly.RunLog)
	if b, err := os.ReadFile(failedLog); err != nil || !bytes.Contains(b, []byte(`"status":"interrupted"`)) {
		t.Errorf("failed run log: %v\n%s", err, b)
	}
	if target, _ := os.Readlink(filepath.Join(c.root, nightly.LatestDir)); filepath.Base(target) != ok[2].Run {
		t.Errorf("latest moved to %s after a failed run", target)
	}

	// The next run compares with the last published one and prunes down to
	// keep published runs (a failed run's log stays while it is that recent).
	next := c.run(ctx)
	mustOK(t, next)
	if next.Previous != ok[2].Dir {
		t.Errorf("after a failed run compared with %s, want %s", next.Previous, ok[2].Dir)
	}
	ents, _ := os.ReadDir(filepath.Join(c.root, nightly.RunsDir))
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if want := []string{ok[2].Run, bad.Run + nightly.FailedSuffix, next.Run}; strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("runs/ holds %v, want %v", names, want)
	}
	lines, _ := nightly.ReadRunLines(c.root)
	var statuses []string
	for _, l := range lines {
		statuses = append(statuses, l.Status)
	}
	if got := strings.Join(statuses, " "); got != "ok ok ok interrupted ok" {
		t.Errorf("runs.jsonl statuses: %s", got)
	}
}

func TestConfig(t *testing.T) {
	for _, tc := range []struct {
		name, text, err string
	}{
		{"ok", "[inputs]\nin = [\"a\"]\n[output]\nroot = \"r\"\n", ""},
		{"no inputs", "[output]\nroot = \"r\"\n", "没有给出输入路径"},
		{"no root", "[inputs]\nin = [\"a\"]\n", "没有给出 root"},
		{"bad keep", "[inputs]\nin = [\"a\"]\n[output]\nroot = \"r\"\nkeep = 0\n", "keep 至少为 1"},
		{"unknown key", "[inputs]\nin = [\"a\"]\nsurveys = [\"b\"]\n[output]\nroot = \"r\"\n", "inputs.surveys"},
		{"bad rule parameter", "line = -1\n[inputs]\nin = [\"a\"]\n[output]\nroot = \"r\"\n", "监测线"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := nightly.ParseConfig(tc.text, "/etc/paicha/county.toml")
			if tc.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if cfg.Root != "/etc/paicha/r" || cfg.Inputs[0].Path != "/etc/paicha/a" || cfg.Keep != nightly.DefaultKeep {
					t.Errorf("config %+v", cfg)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v, want one saying %q", err, tc.err)
			}
		})
	}
}

// TestConfigLimits: max_file_size and max_cells, the keys of compare's
// --max-file-size and --max-cells (SPEC §9), in pipeline.Config's terms.
func TestConfigLimits(t *testing.T) {
	const rest = "[inputs]\nin = [\"a\"]\n[output]\nroot = \"r\"\n"
	for _, tc := range []struct {
		name, text  string
		size, cells int64
		err         string
	}{
		{"not set: the defaults", "", 0, 0, ""},
		{"a size and a count", "max_file_size = \"500MB\"\nmax_cells = 1000\n", 500 << 20, 1000, ""},
		{"bytes", "max_file_size = 4096\n", 4096, 0, ""},
		{"0 is no limit", "max_file_size = \"0\"\nmax_cells = 0\n", -1, -1, ""},
		{"not a size", "max_file_size = \"lots\"\n", 0, 0, "max_file_size \"lots\" 不是文件大小"},
		{"negative", "max_cells = -5\n", 0, 0, "max_cells 不能是负数"},
		{"wrong type", "max_file_size = true\n", 0, 0, "max_file_size 应写作"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := nightly.ParseConfig(tc.text+rest, "/etc/paicha/county.toml")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.MaxFileSize != tc.size || cfg.MaxCells != tc.cells {
				t.Errorf("MaxFileSize %d MaxCells %d, want %d %d", cfg.MaxFileSize, cfg.MaxCells, tc.size, tc.cells)
			}
		})
	}
}
