package explain_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/paicha/paicha/fixtures"
	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/explain"
	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// Planted households of the sample county (fixtures/plantrows.go), found by
// the IDs the seeded generator gave them.
const (
	refundID = "150521197207311011" // pRefunds: a pension paid and clawed back, medical refunds
	failedID = "150525199211231019" // pFailed: payments 失败, 退回, 未发放
)

// sampleRun runs compare on the sample county keeping the database, and
// returns the output folder and the open database.
func sampleRun(t *testing.T) (string, *explain.DB) {
	t.Helper()
	dir := t.TempDir()
	s, c, m, err := fixtures.ExtractSample(filepath.Join(dir, "in"))
	if err != nil {
		t.Fatal(err)
	}
	out, dbPath := filepath.Join(dir, "out"), filepath.Join(dir, "run", "paicha.duckdb")
	ctx := context.Background()
	_, err = pipeline.Run(ctx, pipeline.Config{
		Inputs:  []discover.Spec{{Path: s, Kind: "survey"}, {Path: c, Kind: "card"}, {Path: m, Kind: "medical"}},
		Out:     out,
		Params:  rules.Defaults(),
		Formats: write.Formats{CSV: true},
		Workers: 2,
		DBPath:  dbPath,
	})
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dbPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("kept database: %v %v, want mode 0600", fi, err)
	}
	path, err := explain.Locate("", filepath.Dir(dbPath))
	if err != nil {
		t.Fatal(err)
	}
	db, err := explain.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return out, db
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func explainBoth(t *testing.T, db *explain.DB, key string) (*explain.Report, string) {
	t.Helper()
	r, err := db.Explain(context.Background(), key)
	if err != nil {
		t.Fatalf("explain %s: %v", key, err)
	}
	var text, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back explain.Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Households) != len(r.Households) {
		t.Fatalf("json: %v", err)
	}
	return r, text.String()
}

func sumFen(t *testing.T, rows []explain.Row) normalize.Fen {
	var s normalize.Fen
	for _, r := range rows {
		if r.Counted {
			f, err := normalize.ParseMoney(r.Amount)
			if err != nil {
				t.Fatal(err)
			}
			s += f
		}
	}
	return s
}

// checkIncome: the counted rows add up to the figures, and the text shows them.
func checkIncome(t *testing.T, h *explain.Household, text string) {
	t.Helper()
	if got := sumFen(t, h.Card).String(); got != h.Income.Card {
		t.Errorf("%s: counted card rows sum to %s, income card %s", h.Key, got, h.Income.Card)
	}
	if got := sumFen(t, h.Medical).String(); got != h.Income.Med {
		t.Errorf("%s: counted medical rows sum to %s, income med %s", h.Key, got, h.Income.Med)
	}
	for _, want := range []string{
		"纯收入′ = 工资性收入 " + h.Declared.Wage,
		"= " + h.Income.Pure, "= " + h.Income.Gross, "= " + h.Income.Net, "= " + h.Income.Threshold,
		"一卡通 = 计入的 " + strconv.Itoa(h.Income.CardRows) + " 笔之和 = " + h.Income.Card,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: text lacks %q", h.Key, want)
		}
	}
}

func TestExplainMatchesLists(t *testing.T) {
	out, db := sampleRun(t)
	cands := readCSV(t, filepath.Join(out, "candidates.csv"))
	elims := readCSV(t, filepath.Join(out, "elimination.csv"))

	type listed struct {
		what string
		row  map[string]string
	}
	var cases []listed
	seen := map[string]bool{}
	for _, c := range cands {
		if !seen[c["候选类型"]] {
			seen[c["候选类型"]] = true
			cases = append(cases, listed{"candidate " + c["候选类型"], c})
		}
	}
	for _, e := range elims {
		if !seen[e["建议"]] {
			seen[e["建议"]] = true
			cases = append(cases, listed{"elimination " + e["建议"], e})
		}
	}
	for _, want := range []string{"candidate 脱贫不稳定户", "candidate 边缘易致贫户", "candidate 突发严重困难户", "elimination 暂不消除", "elimination 风险消除"} {
		if !seen[strings.Fields(want)[1]] {
			t.Fatalf("sample has no %s", want)
		}
	}
	for _, tc := range cases {
		t.Run(tc.what, func(t *testing.T) {
			row := tc.row
			// Asked by 户编号, and again by the 户主's ID.
			for _, key := range []string{row["户编号"], row["户主身份证号"]} {
				r, text := explainBoth(t, db, key)
				var h *explain.Household
				for i := range r.Households {
					if r.Households[i].Key == row["户编号"] {
						h = &r.Households[i]
					}
				}
				if h == nil {
					t.Fatalf("%s: household %s not in the answer", key, row["户编号"])
				}
				checkIncome(t, h, text)
				checkChinese(t, text)
				if h.Income.PerCapita != row["人均纯收入"] || !strings.Contains(text, "= "+row["人均纯收入"]+"（四舍五入") {
					t.Errorf("人均纯收入 %s, list %s", h.Income.PerCapita, row["人均纯收入"])
				}
				if _, ok := row["候选类型"]; ok {
					c := h.Candidate
					if c == nil {
						t.Fatalf("no candidate verdict")
					}
					got := map[string]string{
						"候选类型": c.Type, "家庭人口数": strconv.Itoa(h.Income.N), "纯收入": h.Income.Pure,
						"理赔收入": h.Declared.Claims, "合规自付支出": h.Income.SelfpayV, "一卡通转移性收入": h.Income.Card,
						"风险因素": strings.Join(c.Factors, "、"), "户主身份证号": h.HeadID, "乡镇": h.Township, "村": h.Village,
					}
					for k, v := range got {
						if row[k] != v {
							t.Errorf("%s: explain %q, list %q", k, v, row[k])
						}
					}
					if !strings.Contains(text, "新识别监测对象候选："+c.Type+"（SPEC §5.1") {
						t.Errorf("text lacks the verdict with its clause")
					}
				} else {
					e := h.Elimination
					if e == nil {
						t.Fatalf("no elimination verdict")
					}
					var failed []string
					for _, r := range e.Reasons {
						if !r.Holds {
							failed = append(failed, r.Text)
						}
					}
					if e.Advice != row["建议"] || strings.Join(failed, "；") != row["原因"] {
						t.Errorf("elimination %s %v, list %s %s", e.Advice, failed, row["建议"], row["原因"])
					}
					if !strings.Contains(text, "风险消除建议："+row["建议"]+"（SPEC §5.2") {
						t.Errorf("text lacks the verdict with its clause")
					}
					for _, r := range failed {
						if !strings.Contains(text, "✗ "+r) {
							t.Errorf("text lacks the failing reason %s", r)
						}
					}
				}
			}
		})
	}
}

func TestExplainLeftOut(t *testing.T) {
	out, db := sampleRun(t)
	var sum struct {
		Files []struct {
			File    string         `json:"file"`
			Skipped map[string]int `json:"skipped"`
		} `json:"files"`
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	failedCounted := 0
	for _, f := range sum.Files {
		failedCounted += f.Skipped["failed"]
	}

	tests := []struct {
		name  string
		key   string
		check func(t *testing.T, h *explain.Household, text string)
	}{
		{"refund", refundID, func(t *testing.T, h *explain.Household, text string) {
			var card, med int
			for _, r := range h.Card {
				if r.Counted && r.Refund {
					card++
				}
			}
			for _, r := range h.Medical {
				if r.Counted && r.Refund {
					med++
				}
			}
			if card == 0 || med == 0 {
				t.Errorf("refund rows counted: card %d, medical %d; want both", card, med)
			}
			if !strings.Contains(text, "负数为退款/追回，与原发放相抵") {
				t.Errorf("text does not explain the refund")
			}
		}},
		{"failed payments", failedID, func(t *testing.T, h *explain.Household, text string) {
			var got []string
			for _, r := range h.Card {
				if r.Why == "failed" {
					if r.Counted {
						t.Errorf("failed row counted: %+v", r)
					}
					got = append(got, r.Amount+" "+r.Status+" "+strconv.Itoa(r.Source.Row))
				}
			}
			if len(got) != 3 || len(got) > failedCounted {
				t.Errorf("failed rows %v (summary.json counts %d failed)", got, failedCounted)
			}
			for _, s := range []string{"未计入（发放失败）", "发放状态为“失败”", "发放状态为“退回”", "发放状态为“未发放”"} {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, text := explainBoth(t, db, tc.key)
			if len(r.Households) != 1 {
				t.Fatalf("%d households", len(r.Households))
			}
			h := &r.Households[0]
			checkIncome(t, h, text)
			tc.check(t, h, text)
		})
	}
}

func TestExplainKeys(t *testing.T) {
	_, db := sampleRun(t)
	tests := []struct {
		key  string
		want error
	}{
		{normalize.MaskID(failedID), explain.ErrMasked},
		{"150521＊＊＊＊＊＊＊＊1011", explain.ErrMasked},
		{"no-such-household", explain.ErrNotFound},
		{"110101199003074514", explain.ErrNotFound},
		{" " + failedID + " ", nil},
	}
	for _, tc := range tests {
		_, err := db.Explain(context.Background(), tc.key)
		if !errors.Is(err, tc.want) && !(tc.want == nil && err == nil) {
			t.Errorf("%q: %v, want %v", tc.key, err, tc.want)
		}
	}
}

// TestExplainChecks: explain lists a household's data-check findings (SPEC
// §5.4) — its own, its members' and its village's — as checks.csv has them,
// with their 说明 and clause.
func TestExplainChecks(t *testing.T) {
	out, db := sampleRun(t)
	checks := readCSV(t, filepath.Join(out, "checks.csv"))
	if len(checks) == 0 {
		t.Fatal("the sample has no data-check findings")
	}
	// A household of each village, for the village findings (户编号 empty).
	inVillage := map[string]string{}
	for _, list := range []string{"candidates.csv", "elimination.csv"} {
		for _, r := range readCSV(t, filepath.Join(out, list)) {
			inVillage[r["乡镇"]+"/"+r["村"]] = r["户编号"]
		}
	}
	seen := map[string]bool{}
	for _, row := range checks {
		if seen[row["检查编码"]] {
			continue
		}
		seen[row["检查编码"]] = true
		t.Run(row["检查编码"], func(t *testing.T) {
			key := row["户编号"]
			if key == "" {
				key = inVillage[row["乡镇"]+"/"+row["村"]]
			}
			if key == "" {
				t.Skipf("no listed household in %s %s to ask about", row["乡镇"], row["村"])
			}
			r, text := explainBoth(t, db, key)
			var found *explain.Check
			for _, h := range r.Households {
				for i, c := range h.Checks {
					if c.Code == row["检查编码"] && c.ID == row["身份证号"] && c.Detail == row["说明"] {
						found = &h.Checks[i]
					}
				}
			}
			if found == nil {
				t.Fatalf("explain %s lacks %v", key, row)
			}
			if found.Title != row["问题"] || found.Level != row["级别"] || found.Source != row["来源"] {
				t.Errorf("explain %+v, checks.csv %v", *found, row)
			}
			if !strings.HasPrefix(found.Clause, "SPEC §5.4") {
				t.Errorf("clause %q, want the rule file's basis", found.Clause)
			}
			if !strings.Contains(text, "数据核实") || !strings.Contains(text, row["检查编码"]+" "+row["问题"]+"（"+row["级别"]+"）") ||
				!strings.Contains(text, row["说明"]) {
				t.Errorf("text lacks the finding %v:\n%s", row, text)
			}
		})
	}
}

// checkChinese: what explain says of a rule's basis is Chinese (the
// registry's basis), never the rule file's English comment.
func checkChinese(t *testing.T, text string) {
	t.Helper()
	n := 0
	for _, l := range strings.Split(text, "\n") {
		_, basis, ok := strings.Cut(l, "依据：")
		if !ok {
			if _, basis, ok = strings.Cut(l, "（SPEC"); !ok {
				continue
			}
		}
		n++
		if i := strings.IndexFunc(strings.ReplaceAll(basis, "SPEC", ""), func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }); i >= 0 {
			t.Errorf("English in %q", l)
		}
	}
	if n == 0 {
		t.Errorf("no 依据 in the text")
	}
}
