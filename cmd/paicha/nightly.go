package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"

	"github.com/spf13/pflag"

	"github.com/paicha/paicha/pipeline/nightly"
	"github.com/paicha/paicha/rules"
)

// nightlyCmd is `paicha nightly --config FILE`: the scheduled run (SPEC §1).
func nightlyCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("nightly", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		config   = fs.String("config", "", "配置文件（TOML：SPEC §5 的规则参数，加上 [inputs] 和 [output]）")
		workers  = fs.Int("workers", runtime.NumCPU(), "并行读取的文件数")
		threads  = fs.Int("threads", 0, "DuckDB 线程数（0 = 全部 CPU）")
		memLimit = fs.String("memory-limit", "", "DuckDB 内存上限，如 4GB")
		tempDir  = fs.String("temp-dir", "", "临时文件夹（载入数据的中间文件和 DuckDB 溢出的数据）")
		quiet    = fs.BoolP("quiet", "q", false, "只输出错误（适合 cron：没有输出就不发邮件）")
	)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法: paicha nightly --config county.toml\n\n"+
			"定时运行：结果写入 <root>/runs/<时间>/，<root>/latest 指向最新一次，\n"+
			"changes.csv 列出与上次成功运行相比新增、已解决和有变化的条目；\n"+
			"<root>/runs.jsonl 每次运行一行（状态、计数），供监控脚本报警。\n\n选项:\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "paicha nightly: 多余的参数 %q（输入和输出写在配置文件的 [inputs] 和 [output] 中）\n", fs.Args())
		return exitUsage
	}
	if *config == "" {
		fmt.Fprintln(stderr, "paicha nightly: 需要 --config FILE（见 SPEC §1 和 README 的“每晚自动运行”）")
		return exitUsage
	}
	cfg, err := nightly.LoadConfig(*config)
	if err != nil {
		fmt.Fprintf(stderr, "paicha nightly: %v\n", err)
		return exitUsage
	}

	res := nightly.Run(ctx, cfg, nightly.Options{
		Workers: *workers, Threads: *threads, MemoryLimit: *memLimit, TempDir: *tempDir, Version: versionString(),
		Settings: nightlyNames.ingest(), ExitCode: nightlyExit,
	})
	if res.Err != nil {
		msg, _ := runError(res.Err, nightlyNames)
		fmt.Fprintf(stderr, "paicha nightly: %s\n", msg)
		switch {
		case res.Dir != "":
			fmt.Fprintf(stderr, "运行日志: %s\n", filepath.Join(res.Dir, nightly.RunLog))
		case res.Status != nightly.StatusLocked && res.Run != "":
			fmt.Fprintf(stderr, "运行日志: %s\n", filepath.Join(cfg.Root, nightly.RunsDir, res.Run+nightly.FailedSuffix, nightly.RunLog))
		}
		return res.Exit()
	}
	if res.Stale != nil {
		fmt.Fprintf(stderr, "paicha nightly: 接管了进程 %d 留下的锁（该进程已不在运行）\n", res.Stale.PID)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "paicha nightly: %s\n", w)
	}
	if !*quiet {
		rep := res.Report
		c := rep.Counts
		fmt.Fprintf(stdout, "运行 %s：读取 %d 个工作表、%d 行；%d 户参与测算。\n", res.Run, len(rep.Sheets), rep.Rows, c.Households)
		fmt.Fprintf(stdout, "新识别监测对象候选 %d 户，风险消除建议 %d 户（其中可消除 %d 户），疑点 %d 条。\n",
			sum(c.Candidates), sum(c.Elimination), c.Elimination[rules.Eliminate], sum(c.Discrepancies))
		if res.Previous == "" {
			fmt.Fprintln(stdout, "没有上次成功的运行：这是第一次运行，变化清单为空。")
		} else {
			ch := rep.Changes
			fmt.Fprintf(stdout, "与上次运行 %s 相比：新增 %d 条，已解决 %d 条，有变化 %d 条（changes.csv）。\n",
				filepath.Base(res.Previous), ch["新增"], ch["已解决"], ch["有变化"])
		}
		if len(res.Pruned) > 0 {
			fmt.Fprintf(stdout, "按保留设置删除了 %d 次旧运行。\n", len(res.Pruned))
		}
		fmt.Fprintf(stdout, "结果已写入 %s（%s 指向它）\n", res.Dir, filepath.Join(cfg.Root, nightly.LatestDir))
	}
	return res.Exit()
}
