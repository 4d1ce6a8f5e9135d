package read

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// csvResult is everything a reading of a CSV file shows: its rows, the
// error it stopped at, the damage it counted.
type csvResult struct {
	Rows          []row
	Err           string
	Damaged, From int
}

func readCSVOurs(t testing.TB, path string) csvResult {
	return readCSVWith(t, path, func(b *csvBook, fn func(int, []string) error) (int, int, error) {
		err := b.Rows(context.Background(), "", fn)
		n, first := b.Damage("")
		return n, first, err
	})
}

func readCSVReference(t testing.TB, path string) csvResult {
	return readCSVWith(t, path, func(b *csvBook, fn func(int, []string) error) (int, int, error) {
		return referenceCSV(context.Background(), path, b.ti, fn)
	})
}

// readCSVWith opens path as a CSV file and reads it with read.
func readCSVWith(t testing.TB, path string, read func(*csvBook, func(int, []string) error) (damaged, first int, err error)) csvResult {
	t.Helper()
	wb, err := Open(path)
	if err != nil {
		return csvResult{Err: "open: " + err.Error()}
	}
	defer wb.Close()
	b, ok := wb.(*csvBook)
	if !ok {
		return csvResult{Err: fmt.Sprintf("opened as %T", wb)}
	}
	var res csvResult
	res.Damaged, res.From, err = read(b, func(num int, cells []string) error {
		res.Rows = append(res.Rows, row{num, append([]string(nil), cells...)})
		return nil
	})
	if err != nil {
		res.Err = err.Error()
	}
	return res
}

// withChunkSize runs f with chunks of n bytes.
func withChunkSize(n int, f func()) {
	defer func(old int) { ChunkSize = old }(ChunkSize)
	ChunkSize = n
	f()
}

// The reader reads every file as encoding/csv does, whatever size its
// chunks are: the cases where the two could part are the quotes, the line
// breaks and the file's end.
var csvCases = []string{
	"", "\n", "\n\n\n", "\r\n", "\r", "a", "a\r", "a\n", "a\r\n", "a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n1,2",
	"a,,\n,,\n,1,\n", "  ,  \n", "\n\na,b\n\n\n1,2\n\n", "a\r\rb\r\n", "a\rb\n",
	`"a","b"` + "\n", `"a""b",c` + "\n", `"",""` + "\n", `""""` + "\n", `"a"b",c` + "\n", `a"b,c` + "\n",
	`"a"` + "\r\n" + `"b"`, `"a"` + "\r", `"a"` + "\rb\n", `"a"` + "\r\r\n",
	"\"multi\nline\",x\n2,3\n", "\"multi\r\nline\",x\r\n2,3\r\n", "\"a\n\n\nb\"\n", "\"a\r\n\r\nb\"\r\n",
	"1,\"unterminated\n2,3\n4,5\n", "1,\"unterminated\n2,3\n4,5", "1,\"x\ny\"\n", "1,\"x\ny\"", "1,\"x\ny\"z\n",
	"1,\"a\"\"\n\"\"b\"\n", "\"a\",\"b\n", "\"\n", "\"", "\"\"", "a,\"", ",\"\n\"",
	" \"a\",b\n", "\"a\" ,b\n", "a\t\"b\"\tc\n\"x\ty\"\tz\n",
	"姓名,身份证号\n张三,150521199001011215\n", "\xff\xfe,\n", "a\xff,b\n\"c\xe4\xb8\",d\n", "\uFFFD,x\n",
	"\xEF\xBB\xBF" + "a,b\n1,2\n",
	"1,\"" + strings.Repeat("x\n", maxRecordLines+2) + "\",2\n3,4\n",
	"1,\"" + strings.Repeat("x\n", maxRecordLines+2) + "\"\n3,4\n",
}

func TestCSVMatchesEncodingCSV(t *testing.T) {
	cases := csvCases
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		cases = append(cases, randomCSV(rnd, 1+rnd.IntN(40)))
	}
	for i, data := range cases {
		path := writeFile(t, "a.csv", []byte(data))
		want := readCSVReference(t, path)
		for _, size := range []int{1, 2, 3, 7, 64, 1 << 20} {
			withChunkSize(size, func() {
				if got := readCSVOurs(t, path); !reflect.DeepEqual(got, want) {
					t.Errorf("case %d %q, chunks of %d bytes:\n got  %+v\n want %+v", i, clipString(data), size, got, want)
				}
			})
		}
	}
}

// A chunk released once its rows are read has its buffer read into again
// (scrubbed first, so that a string kept from it would show); the rows are
// still those encoding/csv reads. A chunk not released keeps its bytes.
func TestCSVReleasedChunks(t *testing.T) {
	defer func(old bool) { ScrubReleased = old }(ScrubReleased)
	ScrubReleased = true
	long := "姓名,金额\n" + strings.Repeat("张三,1\n\"李\n四\",2\n", 3000)
	for i, data := range append(slices.Clip(csvCases), long) {
		path := writeFile(t, "a.csv", []byte(data))
		want := readCSVReference(t, path)
		for _, size := range []int{1, 7, 64} {
			withChunkSize(size, func() {
				var kept *Chunk
				var keptRows []row
				reused := 0
				seen := map[*byte]bool{}
				got := readCSVWith(t, path, func(b *csvBook, fn func(int, []string) error) (damaged, first int, err error) {
					err = b.Chunks(context.Background(), "", func(c *Chunk) error {
						if p := &c.buf[0]; seen[p] {
							reused++
						} else {
							seen[p] = true
						}
						err := c.Rows(context.Background(), func(num int, cells []string) error {
							for i, s := range cells {
								cells[i] = strings.Clone(s)
							}
							return fn(num, cells)
						})
						if damaged == 0 && len(c.Damaged) > 0 {
							first = c.Damaged[0]
						}
						damaged += len(c.Damaged)
						if kept == nil {
							kept = c // the first chunk stays
							return err
						}
						c.Release()
						return err
					})
					return damaged, first, err
				})
				if !reflect.DeepEqual(got, want) {
					t.Errorf("case %d %q, chunks of %d bytes:\n got  %+v\n want %+v", i, clipString(data), size, got, want)
				}
				if data == long && size > 1 && reused == 0 { // chunks of 1 byte start with a record begun, and read into new buffers
					t.Errorf("chunks of %d bytes: no buffer was read into again", size)
				}
				if kept == nil {
					return // not opened as CSV: want says why
				}
				kept.Rows(context.Background(), func(num int, cells []string) error {
					keptRows = append(keptRows, row{num, append([]string(nil), cells...)})
					return nil
				})
				if n := len(keptRows); n > len(want.Rows) || !reflect.DeepEqual(keptRows, want.Rows[:n]) {
					t.Errorf("case %d %q, chunks of %d bytes: the chunk kept reads %+v", i, clipString(data), size, keptRows)
				}
			})
		}
	}
}

// GB18030 is cut before it is decoded; GBK text whose bytes break off
// mid-character at a line end reads as it does decoded whole.
func TestCSVGBKChunks(t *testing.T) {
	text := "乡镇,姓名,金额\n白兴吐苏木,\"张\"\"三\",1\n" + strings.Repeat("保康镇,李四,2\n", 50)
	data := gbk(t, text)
	data = append(data, 0x81, '\n', 0xFE, ',', 0x81, '"', 'x', '"', '\n')
	data = append(data, gbk(t, "巴彦吐嘎查,王五,3\n")...)
	path := writeFile(t, "g.csv", data)
	want := readCSVReference(t, path)
	if len(want.Rows) < 50 || want.Damaged == 0 {
		t.Fatalf("reference read %d rows, %d damaged: the test file is not what it should be", len(want.Rows), want.Damaged)
	}
	for _, size := range []int{1, 5, 16, 1 << 20} {
		withChunkSize(size, func() {
			if got := readCSVOurs(t, path); !reflect.DeepEqual(got, want) {
				t.Errorf("chunks of %d bytes:\n got  %+v\n want %+v", size, got, want)
			}
		})
	}
}

// randomCSV builds a file of n lines from the pieces that matter to a CSV
// reader.
func randomCSV(rnd *rand.Rand, n int) string {
	pieces := []string{",", ",", "\t", "\"", "\"", "\"\"", "a", "b", "张", "\n", "\n", "\r\n", "\r", " ", "\xff", "\uFFFD"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		for j := rnd.IntN(8); j > 0; j-- {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		b.WriteString("\n")
	}
	s := b.String()
	if rnd.IntN(3) == 0 {
		s = strings.TrimRight(s, "\n")
	}
	return s
}

func clipString(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
