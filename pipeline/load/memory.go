package load

import (
	"math"
	"strconv"
	"strings"
)

// DuckDB's memory for a run: how much it may take, when the tables go to a
// file, and how often the loading compresses them.

// DefaultMemoryLimit keeps a county's run within an office machine's means:
// DuckDB spills what does not fit. Measured with it: a 130,000-household
// county peaks at 1.2-1.45 GiB resident, a 1.3M-household one (5.1 GB of
// input, its tables in memory, compressed) at 2.4 GiB; with 1GB the large
// county's tables outgrow memory and its run database is a file, 15-40%
// slower.
const DefaultMemoryLimit = "2GB"

// DiskThreshold is the input size above which the run's database should be
// a file: four times the memory limit. The loaded tables, compressed
// (checkpoint.go), take about an eighth of their input files; measured at
// 1.3M households (5.1 GB of input), the rules ran in memory with a limit of
// 1 GB and ran out of one of 640 MB, so four times leaves them twice the
// room they need.
func DiskThreshold(memoryLimit string) int64 {
	n := memoryBytes(memoryLimit)
	return min(n, math.MaxInt64/4) * 4
}

// Tuned is o with CheckpointEvery and CompressFrom set for its memory limit
// and path.
func (o Options) Tuned() Options {
	// Between two checkpoints, an eighth of the memory limit in Arrow bytes,
	// which DuckDB holds in about twice that until a checkpoint compresses
	// them. Before the first, a quarter, leaving the rules the rest (the 130k
	// county's 465 MB of rows, kept as appended, raised its peak RSS by 280
	// MiB). A database file is always compressed: its checkpoints write the
	// tables out. The limit they divide is at most 8 GB: a run with no limit
	// (or one it cannot read) still compresses its tables as they grow.
	mem := min(memoryBytes(o.MemoryLimit), 8<<30)
	o.CheckpointEvery = mem / 8
	o.CompressFrom = mem / 4
	if o.Path != "" {
		o.CompressFrom = 0
	}
	return o
}

// memoryBytes reads a memory limit such as "1GB"; a form it does not know
// counts as unlimited (DuckDB itself still checks the value).
func memoryBytes(limit string) int64 {
	if n, ok := ParseSize(limit); ok && n > 0 {
		return n
	}
	return math.MaxInt64
}

// ParseSize reads bytes or a number with KB, MB, GB or TB (binary units,
// also written KiB…TiB or K…T): "2GB", "500MB", "1.5GB".
func ParseSize(text string) (int64, bool) {
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
