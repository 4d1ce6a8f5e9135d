package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	pexplain "github.com/paicha/paicha/pipeline/explain"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
)

const explainUsage = `用法: paicha explain KEY (--db FILE | --run DIR) [--format text|json]

说明一户为什么在（或不在）名单上：户的信息、家庭成员及其状态、计入和未计入
（周期外、发放失败、排除项目、重复记录）的每一笔一卡通和医保结算（文件、工作表、行号）、
代入数字的收入测算公式（SPEC §4），以及每条规则的结论和所依据的条款。

KEY 是户编号（household number），或任一家庭成员的身份证号（ID number，18 位或 15 位）。
公示名单上打码的身份证号（如 150521********1011）不能用来查询，请用完整号码或户编号。

数据库（run database）来自 "paicha compare --db FILE" 或 "paicha nightly" 的运行文件夹。

例如:
  paicha compare --survey 排查表/ --card 一卡通/ --medical 医保/ --out 结果 --db 结果.duckdb
  paicha explain 1505211002000002 --db 结果.duckdb
  paicha explain 150521197207311011 --run /data/paicha/latest
  paicha explain 1505211002000002 --db 结果.duckdb --format json

选项:
`

func explain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("explain", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "运行数据库文件（run database），由 compare --db 保留")
	runDir := fs.String("run", "", "运行文件夹（run folder），如 nightly 的 <root>/latest；读取其中的 "+load.DBFile)
	format := fs.String("format", "text", "输出格式（output format）：text 中文说明，json 供程序读取")
	fs.Usage = func() { fmt.Fprintf(stderr, "%s%s", explainUsage, fs.FlagUsages()) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "paicha explain: 请给出一个户编号或身份证号（KEY）")
		fs.Usage()
		return exitUsage
	}
	key := fs.Arg(0)
	if normalize.Masked(key) {
		fmt.Fprintf(stderr, "paicha explain: “%s”是打码的身份证号（公示名单只显示前6位和后4位），无法据此查询；请用完整身份证号或户编号\n", key)
		return exitUsage
	}
	if (*dbPath == "") == (*runDir == "") {
		fmt.Fprintln(stderr, "paicha explain: 请用 --db FILE 或 --run DIR 指明一次运行（二者选一）")
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "paicha explain: 未知的输出格式 %q（可用 text、json）\n", *format)
		return exitUsage
	}
	path, err := pexplain.Locate(*dbPath, *runDir)
	if err != nil {
		fmt.Fprintf(stderr, "paicha explain: 找不到运行数据库：%v（compare 需加 --db FILE 才会保留数据库）\n", err)
		return exitFailure
	}
	db, err := pexplain.Open(ctx, path)
	if err != nil {
		fmt.Fprintf(stderr, "paicha explain: 无法打开 %s：%v\n", path, err)
		return exitFailure
	}
	defer db.Close()
	rep, err := db.Explain(ctx, key)
	switch {
	case errors.Is(err, pexplain.ErrNotFound):
		fmt.Fprintf(stderr, "paicha explain: 在 %s 中没有找到户编号或身份证号 %s\n", path, shown(key))
		return exitFailure
	case err != nil:
		fmt.Fprintf(stderr, "paicha explain: %v\n", err)
		return exitFailure
	}
	if *format == "json" {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "paicha explain: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// shown is a key fit for an error message: never a whole ID number.
func shown(key string) string { return normalize.MaskIDs(key) }
