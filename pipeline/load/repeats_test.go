package load

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
)

// Finish moves every repeat of a serial to card_duplicate (medical_duplicate),
// naming the first row in input order (file, sheet, row), whichever session
// loaded which rows and in what order; rows without a serial are never
// repeats, nor is a card serial that a medical row also has.
func TestFinishRepeats(t *testing.T) {
	// Two source files; serial k occurs k%4 times over them (0: the row has
	// no serial), in either file.
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

	tests := []struct {
		name  string
		split bool // a session per file, loading at once, the later file first
	}{
		{"one session, the files in order", false},
		{"a session per file, at once", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := Open(ctx, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			load := func(files ...int) error {
				s, err := db.NewSession(ctx)
				if err != nil {
					return err
				}
				for _, file := range files {
					src := Source{FileOrd: file, File: fmt.Sprintf("一卡通%d.csv", file)}
					for _, r := range rows[file] {
						if err := s.Card(src, &Card{Row: r.line, ID: "150521199001011234", Serial: r.serial}); err != nil {
							s.Close()
							return err
						}
					}
				}
				// One medical row with a serial the card rows repeat.
				if err := s.Medical(Source{FileOrd: 9, File: "医保.csv"}, &Medical{Row: 2 + files[0], Serial: "YKT00000001"}); err != nil {
					s.Close()
					return err
				}
				return s.Close()
			}
			if !tt.split {
				if err := load(0, 1); err != nil {
					t.Fatal(err)
				}
			} else {
				var wg sync.WaitGroup
				errs := make([]error, 2)
				for file := 1; file >= 0; file-- {
					wg.Add(1)
					go func() { defer wg.Done(); errs[file] = load(file) }()
				}
				wg.Wait()
				for _, err := range errs {
					if err != nil {
						t.Fatal(err)
					}
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
				t.Errorf("card_duplicate holds %d rows, want %d; %s", len(got), len(want), firstDiff(got, want))
			}
			var medical int
			if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM medical_duplicate`).Scan(&medical); err != nil {
				t.Fatal(err)
			}
			wantMedical := 0
			if tt.split {
				wantMedical = 1 // each session loaded the one medical row
			}
			if medical != wantMedical {
				t.Errorf("medical_duplicate holds %d rows, want %d", medical, wantMedical)
			}
			total := 0
			for _, r := range repeats {
				total += r.Rows
			}
			var left int
			if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM card`).Scan(&left); err != nil {
				t.Fatal(err)
			}
			if total != len(want)+wantMedical || left != len(rows[0])+len(rows[1])-len(want) {
				t.Errorf("Finish counts %d repeats and leaves %d card rows; want %d and %d",
					total, left, len(want)+wantMedical, len(rows[0])+len(rows[1])-len(want))
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
	return fmt.Sprintf("row %d and on: one list is longer", min(len(got), len(want)))
}

// Two serials whose fingerprints the search for repeats shares are not
// repeats of each other: only the serial itself decides.
func TestFinishHashCollision(t *testing.T) {
	ctx := context.Background()
	db, s := openSession(t, Options{})
	// Some pair among a few hundred thousand serials shares its 32-bit
	// fingerprint (serials.go).
	var a, b string
	seen := map[uint32]string{}
	for i := 0; b == ""; i++ {
		serial := fmt.Sprintf("YKT%d", i)
		fp := db.serials.of(serial)
		if other, ok := seen[fp]; ok {
			a, b = other, serial
		}
		seen[fp] = serial
	}
	src := Source{FileOrd: 1, File: "一卡通.csv"}
	for i, serial := range []string{a, b, a} {
		if err := s.Card(src, &Card{Row: i + 2, ID: "150521199001010011", Serial: serial, Amount: 100}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := db.SQL.QueryRowContext(ctx, `SELECT string_agg(serial || ' at row ' || src_row || ', first at ' || first_row, '; ' ORDER BY src_row)
		FROM card_duplicate`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := a + " at row 4, first at 2"; got != want {
		t.Errorf("card_duplicate holds %q; want %q (%s shares its hash)", got, want, b)
	}
}

// Rows put into the tables by other means than a session (as the rules'
// tests do) have no fingerprint: Finish still finds their repeats, among
// themselves and with the sessions' rows.
func TestFinishRowsWithoutFingerprint(t *testing.T) {
	ctx := context.Background()
	db, s := openSession(t, Options{})
	src := Source{FileOrd: 1, File: "一卡通.csv"}
	for i, serial := range []string{"YKT1", "YKT2", "YKT3"} {
		if err := s.Card(src, &Card{Row: i + 2, ID: "150521199001010011", Serial: serial, Amount: 100}); err != nil {
			t.Fatal(err)
		}
		if err := s.Medical(src, &Medical{Row: i + 2, ID: "150521199001010011", Serial: serial, Selfpay: 100}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO card_rows (file_ord, sheet_ord, src_row, id, label, serial, amount) VALUES
			(2, 0, 2, '150521199001010011', 1, 'YKT2', 1), (2, 0, 3, '150521199001010011', 1, 'YKT9', 1), (2, 0, 4, '150521199001010011', 1, 'YKT9', 1)`,
		`INSERT INTO medical (file_ord, sheet_ord, src_row, id, serial, selfpay) VALUES (0, 0, 9, '150521199001010011', 'YKT3', 1)`,
		`INSERT INTO source VALUES (0, 0, '医保.csv', ''), (2, 0, '补发.csv', '')`,
	} {
		if _, err := db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ table, want string }{
		{"card_duplicate", "YKT2 file 2 row 2, first 一卡通.csv row 3; YKT9 file 2 row 4, first 补发.csv row 3"},
		{"medical_duplicate", "YKT3 file 1 row 4, first 医保.csv row 9"},
	} {
		var got string
		if err := db.SQL.QueryRowContext(ctx, `SELECT string_agg(serial || ' file ' || file_ord || ' row ' || src_row || ', first ' || first_file || ' row ' || first_row, '; ' ORDER BY serial)
			FROM `+tc.table).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s holds %q; want %q", tc.table, got, tc.want)
		}
	}
}
