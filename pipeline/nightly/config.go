// Package nightly is `paicha nightly`: the scheduled, unattended run of the
// comparison (SPEC §1). One run takes the root's lock, writes
// <root>/runs/<YYYY-MM-DDTHHMMSS>/ atomically with everything `compare` writes
// plus changes.csv (what changed since the previous successful run), its run
// log (run.log, JSON lines via log/slog) and its database (paicha.duckdb),
// points <root>/latest at it, prunes runs beyond the retention and appends
// one line to <root>/runs.jsonl.
package nightly

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/rules"
)

// DefaultKeep is how many runs are kept when [output] keep is not given.
const DefaultKeep = 30

// Config is a nightly config file: the rule parameters of SPEC §5 plus
// [inputs] and [output].
type Config struct {
	Path   string // the file it was read from
	Params rules.Params
	Inputs []discover.Spec // in the order survey, card, medical, in
	Root   string          // absolute
	Keep   int             // runs kept, ≥ 1

	// max_file_size and max_cells, as pipeline.Config's MaxFileSize and
	// MaxCells: 0 = the default, < 0 = no limit.
	MaxFileSize int64
	MaxCells    int64
}

// nightlyFile is the part of the file the rules ignore.
type nightlyFile struct {
	Inputs struct {
		Survey  []string `toml:"survey"`
		Card    []string `toml:"card"`
		Medical []string `toml:"medical"`
		In      []string `toml:"in"`
	} `toml:"inputs"`
	Output struct {
		Root string `toml:"root"`
		Keep *int   `toml:"keep"`
	} `toml:"output"`
}

// LoadConfig reads a config file. Relative paths in [inputs] and [output]
// are relative to the folder of the file (a scheduler's working folder is
// rarely the one the file was written for). Errors are the user's to fix.
func LoadConfig(path string) (*Config, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取配置文件 %s: %w", path, err)
	}
	return ParseConfig(string(text), path)
}

// ParseConfig parses the text of a config file named path.
func ParseConfig(text, path string) (*Config, error) {
	c := &Config{Path: path, Params: rules.Defaults()}
	if err := c.Params.LoadTOML(text, path); err != nil {
		return nil, err
	}
	var f nightlyFile
	md, err := toml.Decode(text, &f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var unknown []string
	for _, k := range md.Undecoded() {
		if k[0] == "inputs" || k[0] == "output" {
			unknown = append(unknown, k.String())
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%s: 未知的设置 %s（[inputs] 可用 survey、card、medical、in；[output] 可用 root、keep）", path, strings.Join(unknown, ", "))
	}
	base, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(base, p)
	}
	var errs []error
	size, cells, err := ReadLimits(text, path)
	if err != nil {
		errs = append(errs, err)
	}
	c.MaxFileSize, c.MaxCells = limit(size), limit(cells)
	for _, k := range []struct {
		name, kind string
		paths      []string
	}{{"survey", "survey", f.Inputs.Survey}, {"card", "card", f.Inputs.Card}, {"medical", "medical", f.Inputs.Medical}, {"in", "", f.Inputs.In}} {
		for _, p := range k.paths {
			if strings.TrimSpace(p) == "" {
				errs = append(errs, fmt.Errorf("[inputs] %s 含空路径", k.name))
				continue
			}
			c.Inputs = append(c.Inputs, discover.Spec{Path: abs(p), Kind: k.kind})
		}
	}
	if len(c.Inputs) == 0 {
		errs = append(errs, errors.New("[inputs] 没有给出输入路径（survey、card、medical 或 in）"))
	}
	if strings.TrimSpace(f.Output.Root) == "" {
		errs = append(errs, errors.New("[output] 没有给出 root（每次运行的结果写在 root/runs/ 下）"))
	} else {
		c.Root = abs(f.Output.Root)
	}
	c.Keep = DefaultKeep
	if f.Output.Keep != nil {
		c.Keep = *f.Output.Keep
		if c.Keep < 1 {
			errs = append(errs, fmt.Errorf("[output] keep 至少为 1，现为 %d", c.Keep))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// limits are the config file's keys of compare's --max-file-size and
// --max-cells (SPEC §9: every flag has a key of the same name).
type limits struct {
	MaxFileSize any    `toml:"max_file_size"` // bytes, or "500MB"; 0 = no limit
	MaxCells    *int64 `toml:"max_cells"`     // 0 = no limit
}

// ReadLimits reads max_file_size and max_cells from a config file's text:
// each nil when the file does not set it, 0 for no limit.
func ReadLimits(text, path string) (maxFileSize, maxCells *int64, err error) {
	var l limits
	if _, err := toml.Decode(text, &l); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	switch v := l.MaxFileSize.(type) {
	case nil:
	case int64:
		if v < 0 {
			return nil, nil, fmt.Errorf("%s: max_file_size 不能是负数（0 表示不限）", path)
		}
		maxFileSize = &v
	case string:
		n, ok := load.ParseSize(v)
		if !ok {
			return nil, nil, fmt.Errorf("%s: max_file_size %q 不是文件大小（例如 500MB、2GB；0 表示不限）", path, v)
		}
		maxFileSize = &n
	default:
		return nil, nil, fmt.Errorf("%s: max_file_size 应写作 \"500MB\" 这样的文件大小或字节数", path)
	}
	if l.MaxCells != nil && *l.MaxCells < 0 {
		return nil, nil, fmt.Errorf("%s: max_cells 不能是负数（0 表示不限）", path)
	}
	return maxFileSize, l.MaxCells, nil
}

// limit turns a limit read from the file into pipeline.Config's convention.
func limit(v *int64) int64 {
	switch {
	case v == nil:
		return 0 // the default
	case *v == 0:
		return -1 // no limit
	}
	return *v
}
