package load

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/paicha/paicha/pipeline/normalize"
)

// Rows go in through a session (CSV chunks or, with -tags duckdb_arrow, Arrow
// batches) and come back exactly: money as fen in DECIMAL(18,2), dates, NULLs.
// The caller reuses one record for every row, as the readers do (ingest.Sink).
func TestSessionRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, s := openSession(t, Options{})
	src := Source{FileOrd: 3, SheetOrd: 1, File: "一卡通.xlsx", Sheet: "Sheet1"}
	const n = batchRowsForTest + 7
	var rec Card
	for i := 0; i < n; i++ {
		rec = Card{Row: i + 2, ID: fmt.Sprintf("15052119900101%04d", i%10000), IDValid: true, Name: "张三",
			Amount: normalize.Fen(-12345 + i), Date: normalize.DateOf(2022, 5, 1) + normalize.Date(i%400)}
		err := s.Card(src, &rec)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Household(src, &Household{Row: 9, Key: "H", Wage: 100, PCDeclared: OptFen{Fen: 750000, Valid: true}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	var count int
	var first, sum, date string
	err := db.SQL.QueryRowContext(ctx, `SELECT count(*), min(amount)::VARCHAR, sum(amount)::VARCHAR, min(pay_date)::VARCHAR FROM card`).Scan(&count, &first, &sum, &date)
	if err != nil {
		t.Fatal(err)
	}
	wantSum := 0
	for i := 0; i < n; i++ {
		wantSum += -12345 + i
	}
	if count != n || first != "-123.45" || sum != normalize.Fen(wantSum).String() || date != "2022-05-01" {
		t.Errorf("card: %d rows, min %s, sum %s, first date %s; want %d, -123.45, %s, 2022-05-01", count, first, sum, date, n, normalize.Fen(wantSum))
	}
	var pc, size, elim string
	err = db.SQL.QueryRowContext(ctx, `SELECT pc_declared::VARCHAR, coalesce(size_declared::VARCHAR, 'NULL'), coalesce(eliminated::VARCHAR, 'NULL') FROM household`).Scan(&pc, &size, &elim)
	if err != nil {
		t.Fatal(err)
	}
	if pc != "7500.00" || size != "NULL" || elim != "NULL" {
		t.Errorf("household: pc %s size %s eliminated %s; want 7500.00, NULL, NULL", pc, size, elim)
	}
}

// Every kind of column, NULLs among values (before, after, only NULLs),
// booleans both ways, money far past 32 bits and below zero, all come back
// as they went in, across a batch boundary.
func TestSessionColumns(t *testing.T) {
	ctx := context.Background()
	db, s := openSession(t, Options{})
	src := Source{FileOrd: 1, File: "排查表.xlsx", Sheet: "户表"}
	const n = batchRowsForTest + 3
	for i := 0; i < n; i++ {
		h := &Household{Row: i + 2, Key: fmt.Sprintf("H%d", i), Village: strings.Repeat("嘎", i%3),
			Wage: normalize.Fen(int64(i) * 123456789013), Transfer: normalize.Fen(-i),
			Eliminated: OptBool{Value: i%2 == 0, Valid: true}, Edu: OptBool{Value: i%3 == 0, Valid: i%5 != 0}}
		if i%4 == 1 {
			h.PCDeclared = OptFen{Fen: normalize.Fen(i * 100), Valid: true}
			h.MonitorSince = OptDate{Date: normalize.DateOf(2022, 1, 1) + normalize.Date(i%1000), Valid: true}
			h.SizeDeclared = OptInt{Value: i % 7, Valid: true}
		}
		if err := s.Household(src, h); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL.QueryContext(ctx, `SELECT src_row, hh_key, village, wage::VARCHAR, transfer::VARCHAR, eliminated,
		coalesce(g_edu::VARCHAR, 'NULL'), coalesce(pc_declared::VARCHAR, 'NULL'), coalesce(monitor_since::VARCHAR, 'NULL'),
		coalesce(size_declared::VARCHAR, 'NULL'), coalesce(pc_last_year::VARCHAR, 'NULL') FROM household ORDER BY src_row`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var row int
		var key, village, wage, transfer, edu, pc, since, size, last string
		var elim bool
		if err := rows.Scan(&row, &key, &village, &wage, &transfer, &elim, &edu, &pc, &since, &size, &last); err != nil {
			t.Fatal(err)
		}
		wantEdu, wantPC, wantSince, wantSize := "NULL", "NULL", "NULL", "NULL"
		if i%5 != 0 {
			wantEdu = fmt.Sprint(i%3 == 0)
		}
		if i%4 == 1 {
			wantPC = normalize.Fen(i * 100).String()
			wantSince = (normalize.DateOf(2022, 1, 1) + normalize.Date(i%1000)).String()
			wantSize = fmt.Sprint(i % 7)
		}
		got := []string{fmt.Sprint(row), key, village, wage, transfer, fmt.Sprint(elim), edu, pc, since, size, last}
		want := []string{fmt.Sprint(i + 2), fmt.Sprintf("H%d", i), strings.Repeat("嘎", i%3), normalize.Fen(int64(i) * 123456789013).String(),
			normalize.Fen(-i).String(), fmt.Sprint(i%2 == 0), wantEdu, wantPC, wantSince, wantSize, "NULL"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("household row %d:\n got  %q\n want %q", i, got, want)
		}
	}
	if i != n {
		t.Errorf("%d households back, want %d", i, n)
	}
}

// BenchmarkLoadCards loads 100k payment rows through one session: run it with
// and without -tags duckdb_arrow to compare the Arrow path with the Appender.
func BenchmarkLoadCards(b *testing.B) {
	ctx := context.Background()
	const rows = 100_000
	src := Source{File: "一卡通.csv"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		db, err := Open(ctx, Options{})
		if err != nil {
			b.Fatal(err)
		}
		s, err := db.NewSession(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for r := 0; r < rows; r++ {
			err := s.Card(src, &Card{Row: r + 2, ID: "150521199001011215", IDValid: true, Name: "张三", NameKey: "张三",
				Item: "城乡居民基础养老金", Township: "保康镇", Village: "白音哈达嘎查", Status: "已发放", Serial: "YKT2022",
				Amount: normalize.Fen(18800 + r%100), Date: normalize.DateOf(2022, 5, 1) + normalize.Date(r%365)})
			if err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// Text comes back exactly as it went in, whatever it holds: the characters
// CSV and SQL treat specially, line breaks, the NULL marker, NUL bytes,
// spaces at the edges, the empty string.
func TestSessionTextRoundTrip(t *testing.T) {
	in := []string{"", "plain", `a"b`, `"`, `""`, ",", "a,b", "line1\nline2", "a\r\nb", "\r", `\N`, `"\N"`, "NULL",
		" lead", "trail ", " ", "tab\there", "nul\x00byte", "中文·名字", "'quote'", "semi;colon", "back\\slash",
		"\uFEFFbom", "emoji 🙂"}
	got := roundTripText(t, in)
	for i := range in {
		if got[i] != in[i] {
			t.Errorf("text %d: got %q, want %q", i, got[i], in[i])
		}
	}
}

// Text that is not valid UTF-8 cannot go into DuckDB; it arrives with the
// bad bytes replaced, as the readers show it.
func TestSessionInvalidUTF8(t *testing.T) {
	got := roundTripText(t, []string{"a\xffb", "\xe4\xb8"})
	want := []string{"a\uFFFDb", "\uFFFD"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("text %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

// roundTripText loads each text as a reject's raw content, through sources
// whose names need quoting too, and reads them back in order.
func roundTripText(t *testing.T, texts []string) []string {
	t.Helper()
	ctx := context.Background()
	db, s := openSession(t, Options{})
	sources := []Source{{FileOrd: 1, File: "it's.csv"}, {FileOrd: 2, SheetOrd: 3, File: "排查表.xlsx", Sheet: `Sheet "1", 汇总`}}
	for i, text := range texts {
		src := sources[i%len(sources)]
		if err := s.Reject(src, &Reject{Row: i, Kind: src.Sheet, Reason: src.File, Raw: text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL.QueryContext(ctx, `SELECT s.src_file, s.src_sheet, r.reason, r.kind, r.raw
		FROM reject r JOIN source s USING (file_ord, sheet_ord) ORDER BY r.src_row`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var file, sheet, reason, kind, raw string
		if err := rows.Scan(&file, &sheet, &reason, &kind, &raw); err != nil {
			t.Fatal(err)
		}
		if file != reason || sheet != kind {
			t.Errorf("row %d: source %q / %q, want %q / %q", len(got), file, sheet, reason, kind)
		}
		got = append(got, raw)
	}
	if len(got) != len(texts) {
		t.Fatalf("%d rows back, want %d", len(got), len(texts))
	}
	return got
}

// openSession opens a database, closed when the test ends, and a session on it.
func openSession(t *testing.T, o Options) (*DB, *Session) {
	t.Helper()
	db, err := Open(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := db.NewSession(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return db, s
}

// The loaded tables end up compressed once they are big enough: checkpoints
// during the loading and the last one in Finish leave no text column of
// card_rows stored as it was appended (DuckDB compresses in-memory tables
// only at a checkpoint), but the serials, which schema.sql keeps
// uncompressed. Below Options.CompressFrom no checkpoint runs.
func TestCheckpointsCompress(t *testing.T) {
	tests := []struct {
		name       string
		from       int64
		compressed bool
	}{
		{"always", 0, true},
		{"from a few rows", 64 << 10, true},
		{"from more than the rows", 1 << 40, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, s := openSession(t, Options{CheckpointEvery: 64 << 10, CompressFrom: tt.from})
			src := Source{FileOrd: 1, File: "一卡通.csv"}
			for i := 0; i < 3*batchRowsForTest; i++ {
				err := s.Card(src, &Card{Row: i + 2, ID: fmt.Sprintf("1505211990010%05d", i%5000), IDValid: true, Name: "张三", NameKey: "张三",
					Item: "城乡居民基础养老金", Township: "保康镇", Village: "白音哈达嘎查", Status: "已发放", Serial: fmt.Sprintf("YKT%09d", i),
					Amount: 18800, Date: normalize.DateOf(2022, 5, 1)})
				if err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Finish(ctx); err != nil {
				t.Fatal(err)
			}
			rows, err := db.SQL.QueryContext(ctx, `SELECT DISTINCT column_name, compression FROM pragma_storage_info('card_rows')
				WHERE segment_type = 'VARCHAR' ORDER BY ALL`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				var col, comp string
				if err := rows.Scan(&col, &comp); err != nil {
					t.Fatal(err)
				}
				n++
				if uncompressed := strings.EqualFold(comp, "Uncompressed"); uncompressed != (col == "serial" || !tt.compressed) {
					t.Errorf("card_rows.%s is stored %s after Finish", col, comp)
				}
			}
			if n == 0 {
				t.Fatal("no storage information for card_rows' text columns")
			}
		})
	}
}

// Every session ends part-filled; the rows of all of them are in the table
// once, whichever sessions' leftovers were inserted as they closed and
// whichever by Finish.
func TestSessionsLeaveNoRowBehind(t *testing.T) {
	cases := []struct {
		name     string
		sessions int
		rows     int // each
	}{
		{"one session, a few rows", 1, 7},
		{"one session, a batch and a few", 1, batchRowsForTest + 5},
		{"two sessions, a batch and a few each", 2, batchRowsForTest + 5},
		{"three sessions, just under a batch each", 3, batchRowsForTest - 1},
		{"five sessions, half a batch each", 5, batchRowsForTest / 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := loadAtOnce(t, tc.sessions, func(s *Session, si int) error {
				src := Source{FileOrd: si, File: fmt.Sprintf("排查表%d.xlsx", si)}
				for r := range tc.rows {
					if err := s.Household(src, &Household{Row: r + 2, Key: fmt.Sprintf("H%d-%d", si, r)}); err != nil {
						return err
					}
				}
				return nil
			})
			rows, err := db.SQL.QueryContext(ctx, `SELECT file_ord, count(*), count(DISTINCT src_row), min(src_row), max(src_row)
				FROM household GROUP BY file_ord ORDER BY file_ord`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			files := 0
			for rows.Next() {
				var file, n, distinct, first, last int
				if err := rows.Scan(&file, &n, &distinct, &first, &last); err != nil {
					t.Fatal(err)
				}
				if file != files || n != tc.rows || distinct != tc.rows || first != 2 || last != tc.rows+1 {
					t.Errorf("file %d: %d rows (%d different), rows %d..%d; want file %d: %d rows, rows 2..%d",
						file, n, distinct, first, last, files, tc.rows, tc.rows+1)
				}
				files++
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if files != tc.sessions {
				t.Errorf("rows of %d files, want %d", files, tc.sessions)
			}
		})
	}
}

// loadAtOnce opens a database and loads it through n sessions at once,
// the si-th filled by fill, closes them and runs Finish.
func loadAtOnce(t *testing.T, n int, fill func(s *Session, si int) error) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var wg sync.WaitGroup
	errs := make([]error, n)
	for si := range n {
		wg.Go(func() {
			s, err := db.NewSession(ctx)
			if err != nil {
				errs[si] = err
				return
			}
			errs[si] = fill(s, si)
			if err := s.Close(); errs[si] == nil {
				errs[si] = err
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}
