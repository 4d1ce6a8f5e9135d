//go:build !duckdb_arrow

package load

import (
	"context"
	"os"
	"testing"
)

const batchRowsForTest = 3000

// Small chunks, so that the round trips below cross chunk boundaries and a
// chunk holds rows of more than one source.
func init() { chunkRows = 1000 }

// The chunk files hold personal data: a folder only the user can read,
// gone once the session is closed.
func TestSessionChunkFolder(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	db, s := openSession(t, Options{TempDir: tmp})
	entries, err := os.ReadDir(tmp)
	if err != nil || len(entries) != 1 {
		t.Fatalf("temp folder holds %v (%v); want one chunk folder", entries, err)
	}
	if fi, err := entries[0].Info(); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("chunk folder mode %v (%v); want 0700", fi.Mode().Perm(), err)
	}
	for i := 0; i < 2500; i++ {
		if err := s.Reject(Source{File: "f.csv"}, &Reject{Row: i + 2, Raw: "150521199001011215"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("after Close the temp folder still holds %v", entries)
	}
	var n int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM reject`).Scan(&n); err != nil || n != 2500 {
		t.Errorf("reject rows: %d (%v); want 2500", n, err)
	}
}
