// Command paicha is the county bureau's bulk data comparison for the yearly
// 防止返贫监测帮扶集中排查: see README.md and SPEC.md.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

const usage = `paicha（排查）— 防止返贫监测集中排查的部门数据比对

用法:
  paicha compare [选项]               比对运行（主要功能）；不给输入时运行自带的示例县数据
  paicha nightly --config FILE        定时运行：<root>/runs/<时间>/、latest、与上次相比的变化
  paicha explain KEY --db FILE        说明一户为什么在名单上（KEY：户编号或身份证号）
  paicha gen --households N --out DIR 生成模拟县数据（fixtures）
  paicha version                      显示版本

例如:
  paicha compare                      先试试：在自带的示例县数据上运行，结果写入 out/
  paicha compare --survey 排查表/ --card 一卡通/ --medical 医保/ --out 结果 --db 结果.duckdb
  paicha explain 1505211002000002 --db 结果.duckdb

"paicha compare --help"、"paicha explain --help" 等列出各命令的全部选项 (flags)、默认值和例子。
`

var stopProfile = func() {}

func main() {
	rc := run(os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	os.Exit(rc)
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "compare":
		return compare(ctx, args[1:], stdout, stderr)
	case "explain":
		return explain(ctx, args[1:], stdout, stderr)
	case "gen":
		return gen(ctx, args[1:], stdout, stderr)
	case "nightly":
		return nightlyCmd(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "paicha", versionString())
		return exitOK
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "paicha: 未知的命令 %q\n\n%s", args[0], usage)
	return exitUsage
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return "dev"
}
