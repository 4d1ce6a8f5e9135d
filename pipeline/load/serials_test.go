package load

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// repeated finds each fingerprint that occurs more than once, over every
// session's log, in order: also fingerprints that differ only in their top
// byte (the bucket) or only in their low ones (the sort), and a repeat that
// comes three times or within one session.
func TestSerialRepeats(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	random := make([]uint32, 300000) // about ten pairs share a fingerprint
	for i := range random {
		random[i] = rnd.Uint32()
	}
	tests := []struct {
		name     string
		sessions [][]uint32
	}{
		{"none", nil},
		{"one value", [][]uint32{{7}}},
		{"one session", [][]uint32{{5, 1 << 24, 5, 0, 1<<24 | 5, 0xFFFFFFFF, 0xFFFFFFFF, 5}}},
		{"across sessions", [][]uint32{{1, 2, 3}, {}, {3, 4, 0x01000001}, {0x02000001, 1}}},
		{"bytes apart", [][]uint32{{0x00010203, 0x00010302, 0x00030201, 0x00010203, 0x00FF0000, 0x0000FF00, 0x000000FF, 0x00FF0000}}},
		{"random", [][]uint32{random[:100000], random[100000:], random[150000:150100]}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := serialFingerprints{}
			count := map[uint32]int{}
			for _, vals := range tc.sessions {
				l := &serialLog{}
				for _, v := range vals {
					l.add(v)
					count[v]++
				}
				f.keep("card_rows", l)
			}
			var want []int32
			for v, n := range count {
				if n > 1 {
					want = append(want, int32(v))
				}
			}
			// In the order of the unsigned fingerprints: by bucket, then within.
			slices.SortFunc(want, func(a, b int32) int { return cmpUint32(uint32(a), uint32(b)) })
			if got := f.repeated("card_rows"); !slices.Equal(got, want) {
				t.Errorf("repeated = %v, want %v", got, want)
			}
			if got := f.repeated("card_rows"); len(got) > 0 {
				t.Errorf("asked again: %v; the logs should be gone", got)
			}
		})
	}
}

func cmpUint32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func BenchmarkSerialRepeats(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 2))
	logs := make([]*serialLog, 2)
	for i := range logs {
		logs[i] = &serialLog{}
		for range 1_557_556 { // the 130k county's 3.1M payment rows, over two sessions
			logs[i].add(rnd.Uint32())
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		f := serialFingerprints{logs: map[string][]*serialLog{"card_rows": logs}}
		f.repeated("card_rows")
	}
}
