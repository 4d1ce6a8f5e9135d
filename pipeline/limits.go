package pipeline

import (
	"fmt"
	"strconv"
	"strings"
)

// Limits turns the --max-file-size and --max-cells flags into Config's
// MaxFileSize and MaxCells: a size is bytes or a number with KB, MB, GB or
// TB (binary units; "2GB", "500MB", "1.5GB"), and 0 means no limit.
func Limits(fileSize string, cells int64) (maxFileSize, maxCells int64, err error) {
	size, ok := parseSize(fileSize)
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

// parseSize reads bytes or a number with KB, MB, GB or TB (binary units,
// also written KiB…TiB or K…T): "2GB", "500MB", "1.5GB".
func parseSize(text string) (int64, bool) {
	s := strings.ToUpper(strings.TrimSpace(text))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"TIB", 1 << 40}, {"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10},
		{"TB", 1 << 40}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"T", 1 << 40}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f*float64(mult) > 1<<62 {
		return 0, false
	}
	return int64(f * float64(mult)), true
}
