package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/paicha/paicha/fixtures"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/osfs"
	"github.com/paicha/paicha/rules"
)

// sampleInputs unpacks the sample county that ships in fixtures/ (SPEC §1:
// compare with no inputs runs on it) and returns its inputs and the
// [[lists]] of its lists.toml.
func sampleInputs() ([]discover.Spec, []rules.List, func(), error) {
	dir, err := os.MkdirTemp("", "paicha-sample-")
	if err != nil {
		return nil, nil, nil, err
	}
	cleanup := func() { osfs.RemoveAll(dir) }
	ins, err := fixtures.ExtractSampleInputs(dir)
	if err != nil {
		cleanup()
		return nil, nil, nil, fmt.Errorf("示例数据: %w", err)
	}
	lists, err := sampleLists(dir)
	if err != nil {
		cleanup()
		return nil, nil, nil, fmt.Errorf("示例数据: %w", err)
	}
	// Shown relative to the temporary folder, so that two runs write the same
	// outputs (SPEC §7).
	var specs []discover.Spec
	for _, s := range ins {
		rel, err := filepath.Rel(dir, s.Path)
		if err != nil {
			cleanup()
			return nil, nil, nil, err
		}
		specs = append(specs, discover.Spec{Path: rel, Kind: s.Kind, Base: dir})
	}
	return specs, lists, cleanup, nil
}

// sampleLists reads the sample's lists.toml, its paths found in dir but
// named relative to it, as the other sample inputs are.
func sampleLists(dir string) ([]rules.List, error) {
	text, err := os.ReadFile(filepath.Join(dir, "lists.toml"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p := rules.Defaults()
	if err := p.LoadTOML(string(text), ""); err != nil {
		return nil, err
	}
	for i := range p.Lists {
		p.Lists[i].Base = dir
	}
	return p.Lists, nil
}

func gen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("gen", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	households := fs.Int("households", 200, "户数")
	seed := fs.Int64("seed", 1, "随机种子（同一种子生成完全相同的数据）")
	out := fs.String("out", "", "输出文件夹（必填）")
	cardFormat := fs.String("card-format", "csv", "一卡通大文件的格式：csv 或 xlsx")
	national := fs.Float64("national-share", 0, "按全国防返贫监测信息系统自定义查询导出的真实样式（标题两行、第 3 行表头、列任选且乱序、证件号码、监测对象类别、YYYYMM 月份、四项状态列，以及数据核实用到的在校生状况、享受低保和特困供养政策情况、综合保障等列，49 项检查各有植入的问题和临界的对照户）写出的国家系统导出村所占比例，0–1")
	lists := fs.Bool("lists", false, "同时写出部门名单（police、aid、disability、school 文件夹：公安户籍变动、民政低保特困名册、残联持证残疾人、教育辍学和在校生名单），规模按一个旗县的实际比例，预期结果含部门比对疑点")
	county := fs.String("county", "", "旗县代码（6 位，户编号和居民身份证号的前 6 位）；几个旗县的数据要放在一起比对时，每个旗县用不同的代码")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法: paicha gen --households N --out DIR [--seed S] [--card-format csv|xlsx] [--county 150523] [--national-share 0.5] [--lists]\n\n选项:\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if *out == "" || *households <= 0 || (*cardFormat != "csv" && *cardFormat != "xlsx") || *national < 0 || *national > 1 {
		fs.Usage()
		return exitUsage
	}
	start := time.Now()
	res, err := fixtures.Generate(ctx, *out, fixtures.Options{Households: *households, Seed: *seed, CardFormat: *cardFormat, County: *county, NationalShare: *national, Lists: *lists})
	if err != nil {
		fmt.Fprintf(stderr, "paicha gen: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "生成 %d 户、%d 人、一卡通 %d 行、医保 %d 行，共 %d 个文件，用时 %.1fs，写入 %s\n",
		*households, res.Persons, res.CardRows, res.MedicalRows, len(res.Files), time.Since(start).Seconds(), *out)
	return exitOK
}
