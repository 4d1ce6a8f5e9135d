package load

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
)

// Finish moves every repeat of a serial to card_duplicate, naming the first
// row in input order, however the serials filter answers: exactly, with
// many false candidates, past its limit, or absent.
func TestFinishRepeats(t *testing.T) {
	tests := []struct {
		name   string
		filter func() *serialFilter
	}{
		{"no filter", func() *serialFilter { return nil }},
		{"a filter of the usual size", func() *serialFilter { return newSerialFilter(1 << 20) }},
		{"one word: every serial a candidate", func() *serialFilter { return newSerialFilterOf(1, 1<<20) }},
		{"past its limit", func() *serialFilter { return newSerialFilterOf(1, 10) }},
	}
	// Two sources loaded by two sessions at once, the later file first;
	// serial k occurs k%4 times over them (0 = not at all: an empty serial).
	type row struct {
		file, line int
		serial     string
	}
	var rows [2][]row
	for k := 0; k < 3000; k++ {
		for n := 0; n < k%4; n++ {
			file := (k + n) % 2
			rows[file] = append(rows[file], row{file, len(rows[file]) + 2, fmt.Sprintf("YKT%08d", k)})
		}
		if k%4 == 0 {
			rows[k%2] = append(rows[k%2], row{k % 2, len(rows[k%2]) + 2, ""})
		}
	}
	// What Finish must find, worked out here from the rows in input order.
	type dup struct {
		serial              string
		file, line, firstAt int
	}
	var want []dup
	first := map[string]row{}
	for _, rs := range rows {
		for _, r := range rs {
			if r.serial == "" {
				continue
			}
			if f, ok := first[r.serial]; ok {
				want = append(want, dup{r.serial, r.file, r.line, f.line})
			} else {
				first[r.serial] = r
			}
		}
	}
	sortDups := func(ds []dup) {
		sort.Slice(ds, func(i, j int) bool {
			return ds[i].file < ds[j].file || ds[i].file == ds[j].file && ds[i].line < ds[j].line
		})
	}
	sortDups(want)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := Open(ctx, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.cardSerials = tt.filter()
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for file := 1; file >= 0; file-- {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s, err := db.NewSession(ctx)
					if err != nil {
						errs[file] = err
						return
					}
					src := Source{FileOrd: file, File: fmt.Sprintf("一卡通%d.csv", file)}
					for _, r := range rows[file] {
						if err := s.Card(src, &Card{Row: r.line, ID: "150521199001011234", Serial: r.serial}); err != nil {
							errs[file] = err
							break
						}
					}
					if err := s.Close(); errs[file] == nil {
						errs[file] = err
					}
				}()
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			repeats, err := db.Finish(ctx)
			if err != nil {
				t.Fatal(err)
			}
			q, err := db.SQL.QueryContext(ctx, `SELECT serial, file_ord, src_row, first_row FROM card_duplicate`)
			if err != nil {
				t.Fatal(err)
			}
			defer q.Close()
			var got []dup
			for q.Next() {
				var d dup
				if err := q.Scan(&d.serial, &d.file, &d.line, &d.firstAt); err != nil {
					t.Fatal(err)
				}
				got = append(got, d)
			}
			sortDups(got)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("card_duplicate holds %d rows, want %d; first difference at %v", len(got), len(want), firstDiff(got, want))
			}
			total := 0
			for _, r := range repeats {
				total += r.Rows
			}
			var left int
			if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM card`).Scan(&left); err != nil {
				t.Fatal(err)
			}
			if total != len(want) || left != len(rows[0])+len(rows[1])-len(want) {
				t.Errorf("Finish counts %d repeats and leaves %d card rows; want %d and %d", total, left, len(want), len(rows[0])+len(rows[1])-len(want))
			}
		})
	}
}

func firstDiff[T any](got, want []T) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("row %d: got %v, want %v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("row %d", min(len(got), len(want)))
}

// A serial noted twice is a candidate, whichever goroutine notes it second;
// one noted once rarely is in a filter of the usual size.
func TestSerialFilter(t *testing.T) {
	f := newSerialFilter(64 << 20) // 1 MiB of filter
	const n = 100000
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 2 {
				f.note(fmt.Sprintf("YKT%08d", i))
				if i%10 == 0 {
					f.note(fmt.Sprintf("YKT%08d", i+1)) // noted again by the other goroutine
				}
			}
		}()
	}
	wg.Wait()
	for i := 1; i < n; i += 10 {
		if _, ok := f.maybe[fmt.Sprintf("YKT%08d", i)]; !ok {
			t.Fatalf("YKT%08d noted twice is not a candidate", i)
		}
	}
	if extra := len(f.maybe) - n/10; extra > n/100 {
		t.Errorf("%d serials noted once are candidates, more than 1%% of %d", extra, n)
	}
	f.note("")
	if _, ok := f.maybe[""]; ok {
		t.Error("an empty serial is a candidate")
	}
}
