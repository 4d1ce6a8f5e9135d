package load

import (
	"hash/maphash"
	"runtime"
	"slices"
	"sync"
	"unicode/utf8"
)

// The search for repeated serials (Finish) starts from 32-bit fingerprints
// of the serials, which the sessions take as the rows load and keep in Go,
// 4 bytes a row: sorting them in Go takes a thirteenth of the time DuckDB
// took to hash and sort the serials column (3.1M payment rows: 17-18 ms on
// two cores against 0.23-0.25 s), and only the rows whose fingerprint
// occurs twice are then looked at in DuckDB, by the fingerprint each row
// also carries (serial_hash, schema.sql). Two serials of one fingerprint
// only add rows to look at: about n²/2³³ pairs, 112k at 31M rows.

// serialLog is one session's fingerprints of one table's serials, in 256
// buckets by their top byte, each a list of fixed blocks: a bucket's values
// are sorted apart from the others', and a block list wastes no capacity.
type serialLog struct {
	buckets [256][][]uint32
}

const serialBlock = 1024

func (l *serialLog) add(fp uint32) {
	b := &l.buckets[fp>>24]
	n := len(*b)
	if n == 0 || len((*b)[n-1]) == serialBlock {
		*b = append(*b, make([]uint32, 0, serialBlock))
		n++
	}
	(*b)[n-1] = append((*b)[n-1], fp)
}

// fingerprint returns the fingerprint of a row's serial and logs it; a row
// without a serial has none (serial_hash NULL).
func (s *Session) fingerprint(l *serialLog, serial string) uint32 {
	if serial == "" {
		return 0
	}
	fp := s.db.serials.of(serial)
	l.add(fp)
	return fp
}

// keepSerials hands the session's fingerprints to the DB, for Finish.
func (s *Session) keepSerials() {
	s.db.serials.keep("card_rows", &s.cardSerials)
	s.db.serials.keep("medical", &s.medicalSerials)
}

// serialFingerprints gathers the logs of a run's sessions.
type serialFingerprints struct {
	seed maphash.Seed
	mu   sync.Mutex
	logs map[string][]*serialLog // by table
}

// of returns the fingerprint of a serial as the table will hold it: bytes
// that are not UTF-8 are replaced there (validUTF8), so here too.
func (f *serialFingerprints) of(serial string) uint32 {
	if !utf8.ValidString(serial) {
		serial = validUTF8(serial)
	}
	return uint32(maphash.String(f.seed, serial))
}

// keep takes a closing session's logs.
func (f *serialFingerprints) keep(table string, l *serialLog) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.logs == nil {
		f.logs = map[string][]*serialLog{}
	}
	f.logs[table] = append(f.logs[table], l)
}

// repeated returns, in order, the fingerprints that occur more than once
// in the table's logs, and lets go of the logs. The buckets are shared out
// among the cores, each a contiguous run of them.
func (f *serialFingerprints) repeated(table string) []int32 {
	f.mu.Lock()
	logs := f.logs[table]
	delete(f.logs, table)
	f.mu.Unlock()
	workers := min(runtime.GOMAXPROCS(0), 8) // more would each have little to do
	parts := make([][]int32, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			parts[w] = repeatedIn(logs, w*256/workers, (w+1)*256/workers)
		})
	}
	wg.Wait()
	return slices.Concat(parts...)
}

// repeatedIn is repeated over the buckets from..to-1.
func repeatedIn(logs []*serialLog, from, to int) []int32 {
	var out []int32
	var vals, tmp []uint32
	for b := from; b < to; b++ {
		vals = vals[:0]
		for _, l := range logs {
			for _, block := range l.buckets[b] {
				vals = append(vals, block...)
			}
		}
		if len(vals) < 2 {
			continue
		}
		sorted := sortLow24(vals, &tmp)
		for i := 1; i < len(sorted); i++ {
			if sorted[i] == sorted[i-1] && (len(out) == 0 || out[len(out)-1] != int32(sorted[i])) {
				out = append(out, int32(sorted[i]))
			}
		}
	}
	return out
}

// sortLow24 sorts vals, whose top bytes are all the same, by their low 24
// bits: three passes of a byte each (LSD radix) between vals and *tmp,
// which it grows as needed. The sorted values are in the slice it returns,
// which is *tmp's.
func sortLow24(vals []uint32, tmp *[]uint32) []uint32 {
	if cap(*tmp) < len(vals) {
		*tmp = make([]uint32, len(vals), cap(vals))
	}
	*tmp = (*tmp)[:len(vals)]
	var counts [3][256]int
	for _, v := range vals {
		counts[0][byte(v)]++
		counts[1][byte(v>>8)]++
		counts[2][byte(v>>16)]++
	}
	src, dst := vals, *tmp
	for pass := range 3 {
		c := &counts[pass]
		sum := 0
		for i, n := range c {
			c[i] = sum
			sum += n
		}
		shift := 8 * pass
		for _, v := range src {
			d := byte(v >> shift)
			dst[c[d]] = v
			c[d]++
		}
		src, dst = dst, src
	}
	return src
}
