package pipeline

import (
	"fmt"

	"github.com/paicha/paicha/pipeline/load"
)

// Limits turns the --max-file-size and --max-cells flags into Config's
// MaxFileSize and MaxCells: a size is bytes or a number with KB, MB, GB or
// TB (binary units; "2GB", "500MB", "1.5GB"), and 0 means no limit.
func Limits(fileSize string, cells int64) (maxFileSize, maxCells int64, err error) {
	size, ok := load.ParseSize(fileSize)
	if !ok {
		return 0, 0, fmt.Errorf("--max-file-size %q 不是文件大小（例如 500MB、2GB；0 表示不限）", fileSize)
	}
	if cells < 0 {
		return 0, 0, fmt.Errorf("--max-cells %d 不能是负数（0 表示不限）", cells)
	}
	maxFileSize, maxCells = size, cells
	if maxFileSize == 0 {
		maxFileSize = -1
	}
	if maxCells == 0 {
		maxCells = -1
	}
	return maxFileSize, maxCells, nil
}
