//go:build duckdb_arrow

package load

import (
	"bufio"
	"context"
	"database/sql/driver"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"
)

func TestProbeArrowInsert(t *testing.T) {
	path := os.Getenv("PROBE_CSV")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	db, err := Open(ctx, Options{MemoryLimit: os.Getenv("PROBE_MEM")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f, _ := os.Open(path)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Scan()
	fields := []arrow.Field{
		{Name: "file_ord", Type: arrow.PrimitiveTypes.Int32}, {Name: "sheet_ord", Type: arrow.PrimitiveTypes.Int32},
		{Name: "src_row", Type: arrow.PrimitiveTypes.Int32},
		{Name: "id", Type: arrow.BinaryTypes.String}, {Name: "id_valid", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "name", Type: arrow.BinaryTypes.String}, {Name: "name_key", Type: arrow.BinaryTypes.String},
		{Name: "item", Type: arrow.BinaryTypes.String}, {Name: "township", Type: arrow.BinaryTypes.String},
		{Name: "village", Type: arrow.BinaryTypes.String}, {Name: "status", Type: arrow.BinaryTypes.String},
		{Name: "serial", Type: arrow.BinaryTypes.String}, {Name: "amount", Type: arrow.PrimitiveTypes.Int64},
		{Name: "pay_date", Type: arrow.FixedWidthTypes.Date32},
	}
	schema := arrow.NewSchema(fields, nil)
	n := 0
	var recs []arrow.RecordBatch
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	bs := 1 << 16
	if v := os.Getenv("PROBE_BATCH"); v != "" {
		bs, _ = strconv.Atoi(v)
	}
	for sc.Scan() {
		c := strings.Split(sc.Text(), ",")
		n++
		b.Field(0).(*array.Int32Builder).Append(1)
		b.Field(1).(*array.Int32Builder).Append(0)
		b.Field(2).(*array.Int32Builder).Append(int32(n))
		b.Field(3).(*array.StringBuilder).Append(c[3])
		b.Field(4).(*array.BooleanBuilder).Append(true)
		b.Field(5).(*array.StringBuilder).Append(c[2])
		b.Field(6).(*array.StringBuilder).Append(c[2])
		b.Field(7).(*array.StringBuilder).Append(c[4])
		b.Field(8).(*array.StringBuilder).Append(c[0])
		b.Field(9).(*array.StringBuilder).Append(c[1])
		b.Field(10).(*array.StringBuilder).Append(c[7])
		b.Field(11).(*array.StringBuilder).Append(c[8])
		b.Field(12).(*array.Int64Builder).Append(int64(n))
		b.Field(13).(*array.Date32Builder).Append(arrow.Date32(19000 + n%365))
		if n%bs == 0 {
			recs = append(recs, b.NewRecordBatch())
		}
	}
	recs = append(recs, b.NewRecordBatch())
	t.Logf("%d rows, %d batches", n, len(recs))
	ins := "INSERT INTO card SELECT file_ord, sheet_ord, 'a/file.csv', '', src_row, id, id_valid, name, name_key, item, township, village, status, serial, amount::DECIMAL(18,2) / 100, pay_date FROM "
	if os.Getenv("PROBE_RAW") != "" {
		ins = "INSERT INTO card SELECT file_ord, sheet_ord, 'a/file.csv', '', src_row, id, id_valid, name, name_key, item, township, village, status, serial, amount, pay_date FROM "
	}
	workers := 1
	if os.Getenv("PROBE_PAR") != "" {
		workers = 2
	}
	start := time.Now()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	if ms, _ := strconv.Atoi(os.Getenv("PROBE_CKPT_EVERY")); ms > 0 {
		go func() {
			tk := time.NewTicker(time.Duration(ms) * time.Millisecond)
			for {
				select {
				case <-stop:
					return
				case <-tk.C:
					t0 := time.Now()
					_, err := db.SQL.Exec(os.Getenv("PROBE_CKPT_SQL"))
					t.Logf("checkpoint %v %v", time.Since(t0), err)
				}
			}
		}()
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			conn, err := db.connector.Connect(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			ar, _ := duckdb.NewArrowFromConn(conn)
			if os.Getenv("PROBE_TX") != "" {
				conn.(driver.ExecerContext).ExecContext(ctx, "BEGIN", nil)
				defer conn.(driver.ExecerContext).ExecContext(ctx, "COMMIT", nil)
			}
			for i := w; i < len(recs); i += workers {
				rr, _ := array.NewRecordReader(schema, []arrow.RecordBatch{recs[i]})
				view := "v" + strconv.Itoa(w)
				rel, err := ar.RegisterView(rr, view)
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := conn.(driver.ExecerContext).ExecContext(ctx, ins+view, nil); err != nil {
					t.Error(err)
					return
				}
				rel()
			}
		}(w)
	}
	wg.Wait()
	close(stop)
	t.Logf("insert %v (%d workers)", time.Since(start), workers)
	t0 := time.Now()
	_, err = db.SQL.Exec("CHECKPOINT")
	t.Logf("final checkpoint %v %v", time.Since(t0), err)
	var cnt int64
	db.SQL.QueryRow("select count(*) from card").Scan(&cnt)
	t.Logf("rows %d", cnt)
	rows, _ := db.SQL.Query("select tag, memory_usage_bytes>>20 from duckdb_memory() where memory_usage_bytes > 0")
	for rows.Next() {
		var tag string
		var mb int64
		rows.Scan(&tag, &mb)
		t.Logf("mem %s %d MiB", tag, mb)
	}
	start = time.Now()
	db.SQL.QueryRow("select count(*) from (SELECT serial FROM card WHERE serial <> '' GROUP BY serial HAVING count(*) > 1)").Scan(&cnt)
	t.Logf("dup serial check %v", time.Since(start))
}
