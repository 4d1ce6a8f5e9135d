package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/nightly"
	"github.com/paicha/paicha/pipeline/progress"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// compare is `paicha compare`: the comparison run (SPEC §1).
func compare(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("compare", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	defaults := rules.Defaults()
	var (
		survey   = fs.StringSlice("survey", nil, "村入户排查表 (village survey workbooks)：文件或文件夹，可重复、可逗号分隔")
		card     = fs.StringSlice("card", nil, "一卡通发放数据 (subsidy payment exports)：文件或文件夹")
		medical  = fs.StringSlice("medical", nil, "医保结算数据 (medical settlement exports)：文件或文件夹")
		police   = fs.StringSlice("police", nil, "公安户籍变动名单 (police: 死亡注销, 户籍迁出)：文件或文件夹")
		aid      = fs.StringSlice("aid", nil, "民政低保、特困、临时救助名册 (civil affairs rolls)：文件或文件夹")
		disab    = fs.StringSlice("disability", nil, "残联持证残疾人名单 (disability certificates)：文件或文件夹")
		school   = fs.StringSlice("school", nil, "教育疑似辍学名单、在校生或学生资助名单 (education lists)：文件或文件夹")
		in       = fs.StringSlice("in", nil, "以上各类中任意文件 (any of the kinds above)：按每个工作表的表头自动识别类型")
		out      = fs.String("out", "out", "输出文件夹 (output folder)")
		formats  = fs.StringSlice("format", []string{"csv", "xlsx"}, "输出格式 (output formats)：csv、xlsx")
		dbPath   = fs.String("db", "", "把本次运行的数据库 (run database) 保留为此文件，供 paicha explain 查询；已有的同名文件在运行成功后被替换；默认不保留（在内存中，运行结束即删除）")
		maxSize  = fs.String("max-file-size", "2GB", "单个输入文件的大小上限（如 500MB；0 = 不限），超过的文件不读取")
		maxCells = fs.Int64("max-cells", pipeline.DefaultMaxCells, "每个工作表的单元格数上限（0 = 不限），超过的工作表不再读取")
		run      = addRunFlags(fs, defaults, "排查日期 (screening date)：年龄和监测月数算到这一天",
			"DuckDB 内存上限 (memory limit)，如 4GB；超出部分写入临时文件（--temp-dir）",
			"临时文件夹 (temp folder)：载入数据时的中间文件和 DuckDB 溢出的数据都写在这里（含个人信息，只有本人可读，运行结束即删除）；默认在系统临时目录中新建")
	)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s%s", compareHelp, fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "paicha compare: 多余的参数 %q（输入文件请用 --survey、--card、--medical、--police、--aid、--disability、--school 或 --in 给出）\n", fs.Args())
		return exitUsage
	}

	maxFileSize, maxCellCount, err := inputLimits(*maxSize, *maxCells)
	if err != nil {
		fmt.Fprintf(stderr, "paicha compare: %v\n", err)
		return exitUsage
	}
	params, text, err := run.params(fs, defaults)
	if err != nil {
		fmt.Fprintf(stderr, "paicha compare: %v\n", err)
		return exitUsage
	}
	if text != nil {
		// The file's max_file_size and max_cells, unless the flags are given.
		size, cells, err := nightly.ReadLimits(string(text), *run.config)
		if err != nil {
			fmt.Fprintf(stderr, "paicha compare: %v\n", err)
			return exitUsage
		}
		if size != nil && !fs.Changed("max-file-size") {
			maxFileSize = noLimit(*size)
		}
		if cells != nil && !fs.Changed("max-cells") {
			maxCellCount = noLimit(*cells)
		}
	}
	var fm write.Formats
	for _, f := range *formats {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "csv":
			fm.CSV = true
		case "xlsx":
			fm.XLSX = true
		default:
			fmt.Fprintf(stderr, "paicha compare: 未知的输出格式 %q（可用 csv、xlsx）\n", f)
			return exitUsage
		}
	}

	specs := inputSpecs(kindPaths{"survey", *survey}, kindPaths{"card", *card}, kindPaths{"medical", *medical},
		kindPaths{"police", *police}, kindPaths{"aid", *aid}, kindPaths{"disability", *disab},
		kindPaths{"school", *school}, kindPaths{"", *in})
	if len(specs) == 0 {
		sample, lists, cleanup, err := sampleInputs()
		if err != nil {
			fmt.Fprintf(stderr, "paicha compare: %v\n", err)
			return exitFailure
		}
		defer cleanup()
		specs = sample
		if *run.config == "" {
			params.Lists = lists // the sample's lists.toml (SPEC §3.5 [[lists]])
		}
		if !*run.quiet {
			fmt.Fprintln(stderr, "没有给出输入文件：运行自带的示例县数据（fixtures/sample）。用 --survey、--card、--medical 或 --in 指定真实数据。")
		}
	}

	prog := progress.New(stderr, *run.quiet, *run.verbose)
	rep, err := pipeline.Run(ctx, pipeline.Config{
		Inputs: specs, Out: *out, Params: params, Formats: fm, Workers: *run.workers, Progress: prog.Func(),
		DBPath: *dbPath, Threads: *run.threads, MemoryLimit: *run.memLimit, TempDir: *run.tempDir,
		MaxFileSize: maxFileSize, MaxCells: maxCellCount, Settings: compareNames.ingest(),
	})
	prog.Close()
	if code, failed := runOutcome(ctx, stderr, "compare", rep, err, *run.verbose); failed {
		return code
	}
	if !*run.quiet {
		c := rep.Counts
		total := 0
		for _, n := range c.Discrepancies {
			total += n
		}
		fmt.Fprintf(stdout, "读取 %d 个工作表、%d 行；%d 户参与测算。\n", len(rep.Sheets), rep.Rows, c.Households)
		fmt.Fprintf(stdout, "新识别监测对象候选 %d 户，风险消除建议 %d 户（其中可消除 %d 户），疑点 %d 条。\n",
			sum(c.Candidates), sum(c.Elimination), c.Elimination[rules.Eliminate], total)
		fmt.Fprintf(stdout, "结果已写入 %s\n", *out)
	}
	if rep.InputFailed() {
		return exitInputFail
	}
	return exitOK
}

func sum(m map[string]int) int {
	t := 0
	for _, v := range m {
		t += v
	}
	return t
}

// applyFlags lets explicitly given flags override the config file.
func applyFlags(fs *pflag.FlagSet, p *rules.Params, window, line, asOf string) error {
	if fs.Changed("window") {
		if err := p.SetWindow(window); err != nil {
			return fmt.Errorf("--window: %w", err)
		}
	}
	if fs.Changed("line") {
		m, err := rules.ParseMoney(line)
		if err != nil {
			return fmt.Errorf("--line: %w", err)
		}
		p.Line = m
	}
	if fs.Changed("as-of") {
		d, err := rules.ParseDate(asOf)
		if err != nil {
			return fmt.Errorf("--as-of: %w", err)
		}
		p.AsOf = d
	}
	return p.Validate()
}
