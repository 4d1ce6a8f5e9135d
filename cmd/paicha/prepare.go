package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/progress"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// prepareHelp heads `paicha prepare --help`; the flags follow.
const prepareHelp = `用法: paicha prepare --survey PATH --card PATH [--medical PATH] [部门名单] --out DIR [选项]

入户排查前的准备 (before the survey)：用上一年度的入户排查表或全国防返贫监测信息系统导出数据
(--survey) 和一卡通发放数据 (--card)，为每个村写出入户时带到每户的材料。部门名单（--aid、
--disability、--school、--police 及参数文件的 [[lists]]，与 paicha compare 相同）用于重点户分类。
不给任何输入选项时，用自带的示例县数据。

什么时候用 (when in the season):
  5月16日—17日（工作方案 §三(三)2 “各类排查表分类打印，打印2022、2023两年度农牧户一卡通信息”）：
  打印后由排查人员入户核对、填写。
  forms/<乡镇>/<村>-入户排查表.xlsx      入户排查表：按监测户、脱贫户、重点户、一般户分工作表，已填好
      乡镇、村、户编号、户类型、监测信息和家庭成员（已故、迁出的成员以灰色列在户后）；收入、
      “三保障”和饮水安全等栏留空，入户时填写。填好后交回，原样作为 paicha compare --survey 的输入。
  statements/<乡镇>/<村>-一卡通明细.xlsx  一卡通明细：每户一页，列出户主和家庭成员在上一年1月1日至
      排查日期 (--as-of) 之间的每笔一卡通发放（按人、项目、日期），按年度和项目合计；不计入收入的
      项目注明“不计入收入”，退回为负数行；发放失败和重复流水号的笔数在页末说明。身份证号打码。
  6月10日前：填好的排查表交回后运行 paicha compare；6月11日—15日按 compare 写出的
  system_ops.csv（系统操作清单）在全国系统中录入新识别监测对象、标注风险消除、办理人口自然减少。

例如:
  paicha prepare --survey 2022年排查表/ --card 一卡通/ --out 入户材料
  paicha prepare --survey 系统导出/ --card 一卡通/ --as-of 2023-05-15 --out 入户材料

输出文件夹 0700、文件 0600，整体替换；退出码与 paicha compare 相同：0 全部输入已读取；
3 有输入文件无法读取；2 用法错误；1 其他失败（之前的输出文件夹保持不变）。

选项 (flags):
`

// prepareCmd is `paicha prepare` (SPEC §6.2).
func prepareCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("prepare", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	defaults := rules.Defaults()
	var (
		survey  = fs.StringSlice("survey", nil, "上一年度的村入户排查表或全国系统导出数据：文件或文件夹，可重复、可逗号分隔")
		card    = fs.StringSlice("card", nil, "一卡通发放数据：文件或文件夹")
		medical = fs.StringSlice("medical", nil, "医保结算数据（可选）：文件或文件夹")
		police  = fs.StringSlice("police", nil, "公安户籍变动名单（可选）：文件或文件夹")
		aid     = fs.StringSlice("aid", nil, "民政低保、特困、临时救助名册（可选，用于重点户分类）：文件或文件夹")
		disab   = fs.StringSlice("disability", nil, "残联持证残疾人名单（可选，用于重点户分类）：文件或文件夹")
		school  = fs.StringSlice("school", nil, "教育在校生或疑似辍学名单（可选，用于重点户分类）：文件或文件夹")
		out     = fs.String("out", "prepare", "输出文件夹 (output folder)")
		run     = addRunFlags(fs, defaults, "排查日期 (screening date)：一卡通明细列到这一天，从上一年1月1日起",
			"DuckDB 内存上限 (memory limit)，如 4GB", "临时文件夹 (temp folder)，含个人信息，运行结束即删除")
	)
	fs.Usage = func() { fmt.Fprintf(stderr, "%s%s", prepareHelp, fs.FlagUsages()) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "paicha prepare: 多余的参数 %q（输入文件请用 --survey、--card 给出）\n", fs.Args())
		return exitUsage
	}
	params, _, err := run.params(fs, defaults)
	if err != nil {
		fmt.Fprintf(stderr, "paicha prepare: %v\n", err)
		return exitUsage
	}
	specs := inputSpecs(kindPaths{"survey", *survey}, kindPaths{"card", *card}, kindPaths{"medical", *medical},
		kindPaths{"police", *police}, kindPaths{"aid", *aid}, kindPaths{"disability", *disab}, kindPaths{"school", *school})
	switch {
	case len(specs) == 0:
		sample, _, cleanup, err := sampleInputs()
		if err != nil {
			fmt.Fprintf(stderr, "paicha prepare: %v\n", err)
			return exitFailure
		}
		defer cleanup()
		specs = sample
		if !*run.quiet {
			fmt.Fprintln(stderr, "没有给出输入文件：用自带的示例县数据（fixtures/sample）。用 --survey、--card 指定真实数据。")
		}
	case len(*survey) == 0 || len(*card) == 0:
		fmt.Fprintln(stderr, "paicha prepare: 需要 --survey（上一年度排查表或系统导出数据）和 --card（一卡通发放数据）")
		return exitUsage
	}

	prog := progress.New(stderr, *run.quiet, *run.verbose)
	rep, err := pipeline.Prepare(ctx, pipeline.Config{
		Inputs: specs, Out: *out, Params: params, Workers: *run.workers, Progress: prog.Func(),
		Threads: *run.threads, MemoryLimit: *run.memLimit, TempDir: *run.tempDir, Settings: compareNames.ingest(),
	})
	prog.Close()
	if code, failed := runOutcome(ctx, stderr, "prepare", rep, err, *run.verbose); failed {
		return code
	}
	if !*run.quiet {
		fmt.Fprintf(stdout, "读取 %d 个工作表、%d 行；%d 户。\n", len(rep.Sheets), rep.Rows, rep.Counts.Households+rep.Counts.EmptyHousehold)
		fmt.Fprintf(stdout, "入户排查表写入 %s，一卡通明细写入 %s\n",
			filepath.Join(*out, write.FormsDir), filepath.Join(*out, write.StatementsDir))
	}
	if rep.InputFailed() {
		return exitInputFail
	}
	return exitOK
}
