package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
)

// BenchmarkCardCSV reads a payment export as a county sends it (a person's
// payments one after another, a village's people together) through the
// parallel CSV path into sinks that only count: the reading and normalising,
// without the loading.
func BenchmarkCardCSV(b *testing.B) {
	const people, paymentsEach = 20000, 10
	path := filepath.Join(b.TempDir(), "一卡通发放明细.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "乡镇,村,姓名,身份证号,补贴项目,发放金额,发放日期,发放状态,流水号,银行卡号")
	items := []struct{ name, amount string }{{"城乡居民基础养老金", "188.00"}, {"城乡居民个人账户养老金", "48.00"}, {"耕地地力保护补贴", "1,260.50"}}
	serial := 0
	for p := range people {
		id17 := fmt.Sprintf("15052519%02d%02d%02d%03d", 40+p%60, 1+p%12, 1+p%28, p%1000)
		id := id17 + string(normalize.CheckChar(id17))
		for k := range paymentsEach {
			it := items[k%len(items)]
			serial++
			fmt.Fprintf(w, "白兴吐苏木,第%d嘎查,乌哈斯%d,%s,%s,%s,2022-%02d-10,已发放,YKT2022%012d,\n",
				p/500, p%7, id, it.name, it.amount, 1+k%12, serial)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	info, _ := os.Stat(path)

	var rows atomic.Int64
	in := Input{Path: path, Kind: Card, OpenSink: func(context.Context) (Sink, func() error, error) {
		return &countingSink{rows: &rows}, func() error { return nil }, nil
	}}
	b.ReportAllocs()
	b.SetBytes(info.Size())
	b.ResetTimer()
	for range b.N {
		res, err := File(context.Background(), &countingSink{rows: &rows}, in)
		if err != nil || res.Failed() {
			b.Fatalf("%v %+v", err, res)
		}
	}
	if got, want := rows.Load(), int64(b.N*people*paymentsEach); got != want {
		b.Fatalf("loaded %d rows, want %d", got, want)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*people*paymentsEach), "ns/row")
}

// countingSink counts the payment rows and drops every record.
type countingSink struct{ rows *atomic.Int64 }

func (c *countingSink) Card(load.Source, *load.Card) error {
	c.rows.Add(1)
	return nil
}
func (c *countingSink) Medical(load.Source, *load.Medical) error     { return nil }
func (c *countingSink) Household(load.Source, *load.Household) error { return nil }
func (c *countingSink) Person(load.Source, *load.Person) error       { return nil }
func (c *countingSink) Reject(load.Source, *load.Reject) error       { return nil }
