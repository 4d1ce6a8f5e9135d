package load

import (
	"math"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"1024", 1024, true},
		{"500MB", 500 << 20, true},
		{"2GB", 2 << 30, true},
		{" 1.5 gb ", 3 << 29, true},
		{"4GiB", 4 << 30, true},
		{"64K", 64 << 10, true},
		{"1TB", 1 << 40, true},
		{"", 0, false},
		{"lots", 0, false},
		{"-1GB", 0, false},
		{"9999999TB", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseSize(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseSize(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	// A memory limit written some other way never puts a run on disk.
	for _, in := range []string{"", "80%", "lots", "0"} {
		if got := memoryBytes(in); got != math.MaxInt64 {
			t.Errorf("memoryBytes(%q) = %d, want no threshold", in, got)
		}
	}
	if got := memoryBytes("1GB"); got != 1<<30 {
		t.Errorf("memoryBytes(1GB) = %d", got)
	}
}

func TestTuned(t *testing.T) {
	for _, tt := range []struct {
		o           Options
		every, from int64
	}{
		{Options{MemoryLimit: "2GB"}, 256 << 20, 512 << 20},
		{Options{MemoryLimit: "2GB", Path: "run.duckdb"}, 256 << 20, 0},
		{Options{MemoryLimit: "64GB"}, 1 << 30, 2 << 30}, // at most 8 GB is divided
		{Options{}, 1 << 30, 2 << 30},                    // no limit: as 8 GB
	} {
		got := tt.o.Tuned()
		if got.CheckpointEvery != tt.every || got.CompressFrom != tt.from {
			t.Errorf("%+v: every %d from %d, want %d %d", tt.o, got.CheckpointEvery, got.CompressFrom, tt.every, tt.from)
		}
	}
	if got := DiskThreshold("1GB"); got != 4<<30 {
		t.Errorf("DiskThreshold(1GB) = %d", got)
	}
}
