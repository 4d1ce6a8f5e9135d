package rules

import (
	"fmt"
	"strings"
)

// stageTitles name the stages in docs/rules.md.
var stageTitles = map[string]string{
	"income":      "收入测算 (income)",
	"candidates":  "新识别监测对象候选 (candidates)",
	"elimination": "风险消除建议 (elimination)",
	"discrepancy": "疑点 (discrepancy)",
	"check":       "数据核实 (check)",
}

// Markdown is docs/rules.md: the registry as a table per stage, in run
// order. TestRulesDoc keeps the file current.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# 规则一览 (rules)\n\n")
	b.WriteString("Generated from the headers of rules/sql/ by `go test ./rules/ -run TestRulesDoc -update`; do not edit by hand.\n")
	b.WriteString("Each stage runs its setup file, then its rule files in file-name order (rules/registry.go).\n\n")
	b.WriteString("Adding a rule is adding a file: rules/sql/<stage>/<code in lower case>.sql, headed by\n" +
		"`-- code:`, `-- title:` (Chinese), `-- basis:` (SPEC section and work-plan clause, in Chinese),\n" +
		"`-- stage:`, `-- level:` (checks: 错误, 疑点 or 提示) and, where it reads more than the core tables,\n" +
		"`-- needs:` (fields of sheet_field, `a|b` alternatives, `input:<kind>`), then a bare `--` and the\n" +
		"comment on why. Its case goes in rules/testdata/<CODE>/0001/: about.txt, input.sql, optional\n" +
		"params.toml and query.sql, and want.csv, which `go test ./rules/ -run TestCases -update` writes\n" +
		"(read it before committing). A rule whose needs a run lacks is not run and is listed in\n" +
		"summary.json's `checks_not_run`.\n")
	stage := ""
	for _, r := range All() {
		if r.Stage != stage {
			stage = r.Stage
			title := stageTitles[stage]
			if title == "" {
				title = stage
			}
			fmt.Fprintf(&b, "\n## %s\n\n", title)
			b.WriteString("| 编码 | 名称 | 级别 | 依据 | 需要 | 文件 |\n|---|---|---|---|---|---|\n")
		}
		var needs []string
		for _, alts := range r.Needs {
			needs = append(needs, strings.Join(alts, " 或 "))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.Code, r.Title, r.Level, r.Basis,
			strings.Join(needs, "、"), strings.TrimPrefix(r.File, "sql/"))
	}
	return b.String()
}
