package load

import (
	"context"
	"fmt"
	"hash/maphash"
	"math/bits"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"
)

// serialFilter picks out, as rows load, the serials that may occur more
// than once, so that Finish looks for repeats among their rows alone: on
// millions of distinct serials, grouping them all in DuckDB took most of
// Finish (measured: 0.45 s of 0.5 for 3.1M payment rows).
//
// It is a blocked Bloom filter: a serial sets four bits of one 64-bit word
// chosen by its hash, and one whose bits were all set already is a
// candidate. Every serial seen twice becomes one (the second time, whichever
// worker gets there second); a serial seen once becomes one only by chance,
// which costs Finish a row more to look at, never a wrong answer: Finish
// compares the serials themselves. Too many candidates (a filter far too
// small for its rows) and it gives up, and Finish groups every serial as
// before.
type serialFilter struct {
	words []uint64
	seed  maphash.Seed

	mu        sync.Mutex
	maybe     map[string]struct{}
	limit     int
	overflown bool
}

// Filter sizes: the bytes of input per byte of filter (a payment row of a
// CSV export is about 145 bytes, so about 18 bits a row), and the bounds.
const (
	inputPerFilterByte = 64
	minFilterBytes     = 64 << 10
	maxFilterBytes     = 256 << 20
	maxCandidates      = 1 << 20
)

// newSerialFilter sizes a filter for inputBytes of card or medical files;
// 0 means no filter: Finish groups every serial.
func newSerialFilter(inputBytes int64) *serialFilter {
	if inputBytes <= 0 {
		return nil
	}
	size := min(max(inputBytes/inputPerFilterByte, minFilterBytes), maxFilterBytes)
	words := 1 << (bits.Len64(uint64(size/8)) - 1) // a power of two, at most size/8
	return newSerialFilterOf(words, min(words, maxCandidates))
}

// newSerialFilterOf makes a filter of words 64-bit words (a power of two)
// that gives up past limit candidates.
func newSerialFilterOf(words, limit int) *serialFilter {
	return &serialFilter{words: make([]uint64, words), seed: maphash.MakeSeed(), maybe: map[string]struct{}{}, limit: limit}
}

// note counts one row's serial. It is safe for concurrent use.
func (f *serialFilter) note(serial string) {
	if f == nil || serial == "" {
		return
	}
	h := maphash.String(f.seed, serial)
	// The word from the low bits, the four bits from the high ones: apart
	// for any filter up to 2^40 words.
	mask := uint64(1)<<(h>>58) | uint64(1)<<(h>>52&63) | uint64(1)<<(h>>46&63) | uint64(1)<<(h>>40&63)
	word := &f.words[h&uint64(len(f.words)-1)]
	if atomic.LoadUint64(word)&mask != mask {
		if atomic.OrUint64(word, mask)&mask != mask {
			return
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.overflown {
		return
	}
	if len(f.maybe) == f.limit {
		f.overflown, f.maybe = true, nil
		return
	}
	if _, ok := f.maybe[serial]; !ok {
		f.maybe[strings.Clone(serial)] = struct{}{} // serial may point into a reader's buffer
	}
}

// candidatesTable creates table name holding the serials of table that may
// repeat: the filter's candidates, or, without a filter or past its limit,
// every serial that occurs more than once.
func (db *DB) candidatesTable(ctx context.Context, f *serialFilter, table, name string) error {
	if f == nil || f.overflown {
		_, err := db.SQL.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE %s AS
			SELECT serial FROM %s WHERE serial <> '' GROUP BY serial HAVING count(*) > 1`, name, table))
		return err
	}
	if _, err := db.SQL.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE %s (serial VARCHAR)`, name)); err != nil {
		return err
	}
	conn, err := db.connector.Connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	app, err := duckdb.NewAppenderFromConn(conn, "", name)
	if err != nil {
		return err
	}
	for s := range f.maybe {
		if err := app.AppendRow(validUTF8(s)); err != nil {
			app.Close()
			return err
		}
	}
	return app.Close()
}
