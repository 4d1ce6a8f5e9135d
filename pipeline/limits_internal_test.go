package pipeline

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
		got, ok := parseSize(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseSize(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
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
