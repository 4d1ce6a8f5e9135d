package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/read"
)

// Payment and settlement rows are normalised by several workers; what they
// load, reject and count must be exactly what one goroutine does, also
// when the file breaks off with an unpaired quote part-way.
func TestRunParallelMatchesSerial(t *testing.T) {
	var b strings.Builder
	b.WriteString("公示名单\n姓名,身份证号,补贴项目,发放金额,发放日期,发放状态,流水号\n")
	for i := 0; i < 5000; i++ {
		switch i % 97 {
		case 5:
			b.WriteString("\n") // blank
		case 11:
			b.WriteString("合计,,,,1400,,\n")
		case 23:
			fmt.Fprintf(&b, "王五,150521199010041214,养老金,abc,2022-05-01,已发放,S%d\n", i)
		case 31:
			fmt.Fprintf(&b, "王五,150521199010041214,养老金,12,2022-05-01,退回,S%d\n", i)
		case 47:
			fmt.Fprintf(&b, "王五,1.50521E+17,养老金,12,2022-05-01,已发放,S%d\n", i)
		case 53:
			fmt.Fprintf(&b, "王五,150521199010041214,%s,12,2022-05-01,已发放,S%d\n", strings.Repeat("长", 33000), i)
		default:
			fmt.Fprintf(&b, "张三,15052119901004121%d,养老金,%d.%02d,2022-%02d-10,已发放,S%d\n", 3, i, i%100, i%12+1, i)
		}
	}
	body := b.String()
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(strings.ReplaceAll(body, strings.Repeat("长", 33000), "长"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		body     string
		maxCells int64
		xlsx     bool // the rows as a workbook: read by one goroutine, normalised by the workers
	}{
		{"workbook", body, 0, true},
		{"workbook over --max-cells at row 2500", body, 2490 * 7, true},
		{"whole file", body, 0, false},
		{"unpaired quote at row 3000", strings.Replace(body, "S3000\n", "S3000\n张三,\"1505\n", 1), 0, false},
		{"over --max-cells at row 2500", body, 2490 * 7, false},
		{"bytes that are not UTF-8", strings.Replace(strings.Replace(body, "S1200\n", "S1200\xff\n", 1), "S4100\n", "\xe4S4100\n", 1), 0, false},
		{"GB18030", gbk, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "card.csv")
			if tc.xlsx {
				path = writeWorkbook(t, tc.body)
			} else if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			in := Input{Path: path, Kind: Card, MaxCells: tc.maxCells}
			serialRecs, serialRes := readWith(t, in, 1, false, false)
			if len(serialRecs) < 2400 {
				t.Fatalf("only %d records: the test file is not what it should be", len(serialRecs))
			}
			// Chunks far smaller than the file, so that its rows are parsed
			// apart; with the workers sharing the sink and with sinks of their own.
			defer func(old int) { read.ChunkSize = old }(read.ChunkSize)
			read.ChunkSize = 4096
			// Sinks that copy the rows let the workers read each chunk's
			// buffer again, scrubbed first so that a string kept from it shows.
			defer func(old bool) { read.ScrubReleased = old }(read.ScrubReleased)
			read.ScrubReleased = true
			for _, own := range []bool{false, true} {
				for _, copies := range []bool{false, true} {
					parallelRecs, parallelRes := readWith(t, in, 4, own, copies)
					if !reflect.DeepEqual(serialRecs, parallelRecs) {
						t.Errorf("own sinks %v, copying %v: records differ: serial %d, parallel %d", own, copies, len(serialRecs), len(parallelRecs))
					}
					if !reflect.DeepEqual(serialRes, parallelRes) {
						t.Errorf("own sinks %v, copying %v: results differ:\n serial   %+v\n parallel %+v", own, copies, serialRes, parallelRes)
					}
				}
			}
		})
	}
}

// writeWorkbook writes the lines of a CSV text (no quotes in it) as the
// rows of a workbook's one sheet.
func writeWorkbook(t *testing.T, text string) string {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		var cells []any
		for _, c := range strings.Split(line, ",") {
			cells = append(cells, c)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "card.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// readWith reads a file with GOMAXPROCS procs, the workers loading into
// sinks of their own if own, sinks that say they copy the rows if copies,
// and returns its records sorted (workers hand them over in no fixed order)
// and its result.
func readWith(t *testing.T, in Input, procs int, own, copies bool) ([]string, *Result) {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	rec := &fullRecorder{copies: copies}
	var mu sync.Mutex
	var opened []*fullRecorder
	if own {
		in.OpenSink = func(context.Context) (Sink, func() error, error) {
			mu.Lock()
			defer mu.Unlock()
			r := &fullRecorder{copies: copies}
			opened = append(opened, r)
			return r, func() error { return nil }, nil
		}
	}
	res, err := File(context.Background(), rec, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range opened {
		rec.got = append(rec.got, r.got...)
	}
	slices.Sort(rec.got)
	return rec.got, res
}

// fullRecorder also keeps every field of a payment, and each reject's
// source and kind (来源类型), which rejects.csv shows. Its lines are copies:
// it says so when copies is set.
type fullRecorder struct {
	recorder
	copies bool
}

func (r *fullRecorder) CopiesRows() bool { return r.copies }

func (r *fullRecorder) Card(s load.Source, c *load.Card) error {
	r.got = append(r.got, fmt.Sprintf("card %+v", *c))
	return nil
}

func (r *fullRecorder) Reject(s load.Source, x *load.Reject) error {
	r.got = append(r.got, fmt.Sprintf("reject %+v %+v", s, *x))
	return nil
}

// The workers read a chunk's buffer again once its rows are loaded only
// when every sink says it has copied them: a sink that keeps the strings
// themselves and says so sees them overwritten, one that does not say so
// keeps them intact.
func TestChunksReleasedOnlyToCopyingSinks(t *testing.T) {
	var b strings.Builder
	b.WriteString("姓名,身份证号,发放金额,发放日期\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "张%d,150521199010041214,12,2022-05-01\n", i)
	}
	path := filepath.Join(t.TempDir(), "card.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	defer func(old int) { read.ChunkSize = old }(read.ChunkSize)
	read.ChunkSize = 4096
	defer func(old bool) { read.ScrubReleased = old }(read.ScrubReleased)
	read.ScrubReleased = true
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for _, says := range []bool{false, true} {
		sink := &nameKeeper{says: says}
		if _, err := File(context.Background(), sink, Input{Path: path, Kind: Card}); err != nil {
			t.Fatal(err)
		}
		overwritten := 0
		for _, name := range sink.names {
			if !strings.HasPrefix(name, "张") {
				overwritten++
			}
		}
		if len(sink.names) != 3000 {
			t.Fatalf("says it copies %v: %d rows loaded, want 3000", says, len(sink.names))
		}
		if says && overwritten == 0 {
			t.Errorf("says it copies: no name kept was overwritten; the chunks were not released")
		}
		if !says && overwritten > 0 {
			t.Errorf("does not say it copies: %d names kept were overwritten", overwritten)
		}
	}
}

// nameKeeper keeps each payment's name as it is given, without copying it.
type nameKeeper struct {
	recorder
	mu    sync.Mutex
	says  bool
	names []string
}

func (k *nameKeeper) CopiesRows() bool { return k.says }

func (k *nameKeeper) Card(_ load.Source, c *load.Card) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.names = append(k.names, c.Name)
	return nil
}
