package load

import (
	"database/sql"
	"os"
	"testing"
	"time"
)

func TestProbeCkpt(t *testing.T) {
	path := os.Getenv("PROBE_CSV")
	if path == "" {
		t.Skip()
	}
	db, _ := sql.Open("duckdb", "")
	defer db.Close()
	for _, s := range []string{"SET memory_limit='8GB'", os.Getenv("PROBE_SET")} {
		if s == "" {
			continue
		}
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	if _, err := db.Exec("CREATE TABLE t AS SELECT * FROM read_csv('" + path + "', all_varchar=true)"); err != nil {
		t.Fatal(err)
	}
	t.Logf("load %v", time.Since(start))
	start = time.Now()
	if _, err := db.Exec("CHECKPOINT"); err != nil {
		t.Fatal(err)
	}
	t.Logf("checkpoint %v", time.Since(start))
	rows, _ := db.Query("select tag, memory_usage_bytes>>20 from duckdb_memory() where memory_usage_bytes > 0")
	for rows.Next() {
		var tag string
		var mb int64
		rows.Scan(&tag, &mb)
		t.Logf("mem %s %d MiB", tag, mb)
	}
	rows, _ = db.Query("select column_name, compression, count(*) from pragma_storage_info('t') group by all order by all")
	for rows.Next() {
		var c, comp string
		var n int
		rows.Scan(&c, &comp, &n)
		t.Logf("  %s %s %d", c, comp, n)
	}
}
