package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/ingest"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/nightly"
)

// Exit statuses (SPEC §1), decided here and nowhere else.
const (
	exitOK        = 0
	exitFailure   = 1
	exitUsage     = 2
	exitInputFail = 3
)

// runError words an error of pipeline.Run for the user of a command whose
// flags (or config keys) are named by names, and gives its exit status.
func runError(err error, names settingNames) (string, int) {
	var dbPath *pipeline.DBPathError
	var missing *discover.MissingPathError
	switch {
	case errors.As(err, &missing):
		return fmt.Sprintf("找不到输入路径 %s（%s）：请检查路径是否正确", missing.Spec.Path,
			names.kind(ingest.Kind(missing.Spec.Kind))), exitUsage
	case errors.As(err, &dbPath):
		return fmt.Sprintf("%s %s 是文件夹，请给出数据库文件名（如 %s）", names.db, dbPath.Path,
			filepath.Join(dbPath.Path, load.DBFile)), exitUsage
	case errors.Is(err, pipeline.ErrNoInput):
		return err.Error(), exitInputFail
	}
	return err.Error(), exitFailure
}

// nightlyExit is the exit status for a nightly run's outcome (runs.jsonl
// records it too).
func nightlyExit(status string, err error) int {
	switch status {
	case nightly.StatusOK:
		return exitOK
	case nightly.StatusInputFailed:
		return exitInputFail
	}
	if err != nil {
		_, code := runError(err, nightlyNames)
		return code
	}
	return exitFailure
}

// settingNames are how a command's user changes a setting: compare's
// flags, nightly's config keys.
type settingNames struct {
	db          string
	maxFileSize string
	maxCells    string
	kind        func(ingest.Kind) string
}

var compareNames = settingNames{
	db: "--db", maxFileSize: "--max-file-size", maxCells: "--max-cells",
	kind: func(k ingest.Kind) string {
		if k == ingest.Any {
			return "--in"
		}
		return "--" + string(k)
	},
}

var nightlyNames = settingNames{
	db: "运行数据库", maxFileSize: "配置文件的 max_file_size", maxCells: "配置文件的 max_cells",
	kind: func(k ingest.Kind) string {
		if k == ingest.Any {
			return "配置文件 [inputs] 的 in"
		}
		return "配置文件 [inputs] 的 " + string(k)
	},
}

// ingest is the names as the input notices take them.
func (n settingNames) ingest() ingest.Settings {
	return ingest.Settings{MaxFileSize: n.maxFileSize, MaxCells: n.maxCells, Kind: n.kind}
}

// inputLimits turns --max-file-size and --max-cells into pipeline.Config's
// MaxFileSize and MaxCells: a size is bytes or a number with KB, MB, GB or
// TB (binary units; "2GB", "500MB", "1.5GB"), and 0 means no limit.
func inputLimits(fileSize string, cells int64) (maxFileSize, maxCells int64, err error) {
	size, ok := load.ParseSize(fileSize)
	if !ok {
		return 0, 0, fmt.Errorf("--max-file-size %q 不是文件大小（例如 500MB、2GB；0 表示不限）", fileSize)
	}
	if cells < 0 {
		return 0, 0, fmt.Errorf("--max-cells %d 不能是负数（0 表示不限）", cells)
	}
	return noLimit(size), noLimit(cells), nil
}

// noLimit turns a user's 0 (no limit) into pipeline.Config's -1.
func noLimit(v int64) int64 {
	if v == 0 {
		return -1
	}
	return v
}
