package write

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
)

// benchRows yields n candidate-shaped rows (15 columns) over 20 townships,
// formatting them on the fly like the lead's pipeline does.
func benchRows(n int) func(context.Context, func([]string) error) error {
	return func(ctx context.Context, yield func([]string) error) error {
		row := make([]string, len(candCols))
		for i := range n {
			row[0] = "乡镇" + strconv.Itoa(i%20)
			row[1] = "嘎查村" + strconv.Itoa(i%37)
			row[2] = fmt.Sprintf("1505210%09d", i)
			row[3] = "阿拉坦其其格"
			row[4] = fmt.Sprintf("150521199%09d", i)
			row[5] = "脱贫户"
			row[6] = [...]string{"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"}[i%3]
			row[7] = strconv.Itoa(1 + i%6)
			for j := 8; j < 14; j++ {
				row[j] = strconv.Itoa(i%50000) + "." + strconv.Itoa(10+i%90)
			}
			row[14] = "因病、缺劳力、三保障或饮水"
			if err := yield(row); err != nil {
				return err
			}
		}
		return nil
	}
}

func benchWrite(b *testing.B, formats Formats, townships bool) {
	const n = 200_000
	b.ReportAllocs()
	for range b.N {
		dir := filepath.Join(b.TempDir(), "out")
		o := Output{Dir: dir, Formats: formats, Lists: []List{{
			File: "candidates.csv", Sheet: "监测对象候选", Columns: candCols, InTownships: true,
			CountBy: "候选类型", Rows: benchRows(n),
		}}}
		if townships {
			for t := range 20 {
				o.Townships = append(o.Townships, "乡镇"+strconv.Itoa(t))
			}
		}
		if err := Write(context.Background(), o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkCSV200k(b *testing.B)  { benchWrite(b, Formats{CSV: true}, false) }
func BenchmarkXLSX200k(b *testing.B) { benchWrite(b, Formats{XLSX: true}, false) }

// BenchmarkAll200k: CSV, report.xlsx, 20 township and 20 public workbooks.
func BenchmarkAll200k(b *testing.B) { benchWrite(b, Formats{CSV: true, XLSX: true}, true) }
