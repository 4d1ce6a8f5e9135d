package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/spf13/pflag"

	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/rules"
)

// runFlags are the flags compare and prepare share: the rule parameters
// and how a run uses the machine. The input flags differ in their help.
type runFlags struct {
	window, line, asOf, config *string
	workers, threads           *int
	memLimit, tempDir          *string
	quiet, verbose             *bool
}

// addRunFlags defines them on fs; asOfHelp says what the date is for.
func addRunFlags(fs *pflag.FlagSet, defaults rules.Params, asOfHelp, memHelp, tempHelp string) runFlags {
	return runFlags{
		window:   fs.String("window", defaults.Window(), "收入测算周期 (income window)：起始..截止，含两端"),
		line:     fs.String("line", defaults.Line.String(), "监测线 (monitoring line)：元/人/年"),
		asOf:     fs.String("as-of", defaults.AsOf.String(), asOfHelp),
		config:   fs.String("config", "", "规则参数文件 (rule parameters, TOML, SPEC §5)；命令行选项优先于文件"),
		workers:  fs.Int("workers", runtime.NumCPU(), "并行读取的文件数 (parallel readers)"),
		threads:  fs.Int("threads", 0, "DuckDB 线程数 (threads)，0 = 全部 CPU"),
		memLimit: fs.String("memory-limit", load.DefaultMemoryLimit, memHelp),
		tempDir:  fs.String("temp-dir", "", tempHelp),
		quiet:    fs.BoolP("quiet", "q", false, "安静 (quiet)：不显示进度和结果汇总，只输出错误"),
		verbose:  fs.BoolP("verbose", "v", false, "详细 (verbose)：逐个文件显示进度，并输出各阶段用时"),
	}
}

// params are the defaults, then the --config file, then the flags given;
// text is the config file's (nil without one), for the keys a command
// reads besides the parameters.
func (f runFlags) params(fs *pflag.FlagSet, defaults rules.Params) (p rules.Params, text []byte, err error) {
	p = defaults
	if *f.config != "" {
		if text, err = os.ReadFile(*f.config); err != nil {
			return p, nil, fmt.Errorf("无法读取参数文件 %s: %w", *f.config, err)
		}
		if err := p.LoadTOML(string(text), *f.config); err != nil {
			return p, nil, err
		}
	}
	return p, text, applyFlags(fs, &p, *f.window, *f.line, *f.asOf)
}

// kindPaths are the PATHs given with one input flag.
type kindPaths struct {
	kind  string
	paths []string
}

// inputSpecs are the PATHs of every input flag, in the order given.
func inputSpecs(kinds ...kindPaths) []discover.Spec {
	var specs []discover.Spec
	for _, k := range kinds {
		for _, p := range k.paths {
			specs = append(specs, discover.Spec{Path: p, Kind: k.kind})
		}
	}
	return specs
}
