package write

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/paicha/paicha/pipeline/normalize"
)

// Notices are the public notices of SPEC §6.1 (work plan §二(四)2, §二(六)2:
// 嘎查村评议公示, posted on paper for at least 5 days): one workbook per
// village, public/<乡镇>/<村>-公示.xlsx, a sheet per kind of notice, each
// printing as the notice itself.
type Notices struct {
	Sheets []NoticeSheet
	// Terms gives a township's 公示期, office and phone.
	Terms func(township string) NoticeTerms
	// Rows streams the people to post, sorted by 乡镇 and 村 (a village's rows
	// together), each row NoticeColumns long: 乡镇, 村, the index of its sheet
	// in Sheets ("" for a row that only names a village, so that a village
	// with nothing to post still gets its notice saying so), 户主姓名,
	// 户主身份证号 (in full: masked here), 家庭人口数, 类型.
	Rows func(ctx context.Context, yield func(row []string) error) error
}

// NoticeColumns is the length of a row of Notices.Rows.
const NoticeColumns = 7

// NoticeSheet is one kind of notice.
type NoticeSheet struct {
	Name  string // the sheet: 新识别监测对象公示
	Title string // the title after the village's name: 2023年拟纳入防返贫监测对象名单公示
}

// NoticeTerms are what a notice says around its table.
type NoticeTerms struct {
	Start time.Time // the first day; the notice is dated on it
	Days  int       // ≥ 5 (the config refuses fewer)
	Unit  string    // where objections go, and who signs
	Phone string    // 监督电话, "" = none
}

// noticeHeader is the table of every notice: no money, no 风险因素, no
// 核对疑点, no 户编号 (SPEC §6.1).
var noticeHeader = []string{"序号", "村", "户主姓名", "户主身份证号", "家庭人口数", "类型"}

// chineseDate writes a date as notices do: 2023年5月25日.
func chineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// villageNotice is one village's rows, on their way to its workbook.
type villageNotice struct {
	township, village string
	path              string
	rows              [][][]string // per sheet
}

// writeNotices streams n.Rows and writes a workbook per village under
// dir, a worker per core. It holds one village's rows at a time per worker
// (a village posts tens of households, not thousands).
func writeNotices(ctx context.Context, n *Notices, dir, scratch string) (dirs []string, err error) {
	jobs := make(chan *villageNotice)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		failed  error
		workers = runtime.GOMAXPROCS(0)
	)
	for range workers {
		wg.Go(func() {
			for v := range jobs {
				if err := v.write(n, scratch); err != nil {
					mu.Lock()
					if failed == nil {
						failed = err
					}
					mu.Unlock()
				}
			}
		})
	}
	stop := func() error {
		mu.Lock()
		defer mu.Unlock()
		return failed
	}
	townStems := map[string]string{} // 乡镇 → folder
	townUsed := map[string]bool{}
	villageUsed := map[string]bool{} // lower-cased paths taken
	seen := map[place]bool{}
	var cur *villageNotice
	send := func() error {
		if cur == nil {
			return nil
		}
		if err := stop(); err != nil {
			return err
		}
		select {
		case jobs <- cur:
		case <-ctx.Done():
			return ctx.Err()
		}
		cur = nil
		return nil
	}
	count := 0
	err = n.Rows(ctx, func(row []string) error {
		if count++; count%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if len(row) != NoticeColumns {
			return fmt.Errorf("write: notices: row %d has %d fields, want %d", count, len(row), NoticeColumns)
		}
		t, v := row[0], row[1]
		if t == "" || v == "" {
			return nil // posted by no village: it stays in the township's lists
		}
		if cur == nil || cur.township != t || cur.village != v {
			if err := send(); err != nil {
				return err
			}
			p := place{t, v}
			if seen[p] {
				return fmt.Errorf("write: notices: the rows of %s %s are not together (sort them by 乡镇, 村)", t, v)
			}
			seen[p] = true
			stem, ok := townStems[t]
			if !ok {
				stem = uniqueStem(safeFileName(t), townUsed)
				townStems[t] = stem
				if err := os.Mkdir(filepath.Join(dir, stem), 0o700); err != nil {
					return err
				}
				dirs = append(dirs, filepath.Join(dir, stem))
			}
			file := uniqueStem(safeFileName(v), villageUsed, stem+"/") + "-公示.xlsx"
			cur = &villageNotice{township: t, village: v, path: filepath.Join(dir, stem, file),
				rows: make([][][]string, len(n.Sheets))}
		}
		if row[2] == "" {
			return nil
		}
		k, err := strconv.Atoi(row[2])
		if err != nil || k < 0 || k >= len(n.Sheets) {
			return fmt.Errorf("write: notices: row %d names sheet %q", count, row[2])
		}
		cur.rows[k] = append(cur.rows[k], []string{row[3], normalize.MaskID(row[4]), row[5], row[6]})
		return nil
	})
	if err == nil {
		err = send()
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		err = stop() // a worker's failure, unless the stream already reported it
	}
	return dirs, err
}

// uniqueStem returns stem, or stem(2), stem(3) …, whichever is not yet in
// used (ignoring case, within prefix), and takes it.
func uniqueStem(stem string, used map[string]bool, prefix ...string) string {
	p := strings.Join(prefix, "")
	c := stem
	for k := 2; used[strings.ToLower(p+c)]; k++ {
		c = fmt.Sprintf("%s(%d)", stem, k)
	}
	used[strings.ToLower(p+c)] = true
	return c
}

// write builds the village's workbook, a sheet per notice.
func (v *villageNotice) write(n *Notices, scratch string) error {
	b, err := newBook(scratch, false)
	if err != nil {
		return err
	}
	defer b.close()
	st, err := newNoticeStyles(b.f)
	if err != nil {
		return err
	}
	terms := n.Terms(v.township)
	for k, sh := range n.Sheets {
		name := b.sheetName(sh.Name, 1)
		if b.spare != "" {
			err = b.f.SetSheetName(b.spare, name)
			b.spare = ""
		} else {
			_, err = b.f.NewSheet(name)
		}
		if err != nil {
			return err
		}
		if err := v.sheet(b.f, name, st, v.village+sh.Title, terms, v.rows[k]); err != nil {
			return fmt.Errorf("write: notice %s %s: %w", v.township, v.village, err)
		}
	}
	return b.save(v.path)
}

type noticeStyles struct{ title, term, header, cell, number, id, note, sign int }

func newNoticeStyles(f *excelize.File) (noticeStyles, error) {
	var st noticeStyles
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	font := &excelize.Font{Size: 12}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 18}, Alignment: center}},
		{&st.term, excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Border: border, Alignment: center}},
		{&st.cell, excelize.Style{Font: font, Border: border, Alignment: center}},
		{&st.number, excelize.Style{Font: font, Border: border, Alignment: center, NumFmt: 1}},
		{&st.id, excelize.Style{Font: font, Border: border, Alignment: center, NumFmt: 49}},
		{&st.note, excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}},
		{&st.sign, excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// sheet lays out one notice: title, 公示期, the table (or 本次无拟公示对象),
// the objection line, the phone, the office and the date.
func (v *villageNotice) sheet(f *excelize.File, sh string, st noticeStyles, title string, terms NoticeTerms, rows [][]string) error {
	ncol := len(noticeHeader)
	last, _ := excelize.ColumnNumberToName(ncol)
	line := func(r int, text string, style int, height float64) error {
		a := fmt.Sprintf("A%d", r)
		if err := f.SetCellStr(sh, a, text); err != nil {
			return err
		}
		if err := f.MergeCell(sh, a, fmt.Sprintf("%s%d", last, r)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, a, fmt.Sprintf("%s%d", last, r), style); err != nil {
			return err
		}
		return f.SetRowHeight(sh, r, height)
	}
	end := terms.Start.AddDate(0, 0, terms.Days-1)
	if err := line(1, title, st.title, 36); err != nil {
		return err
	}
	if err := line(2, fmt.Sprintf("公示期：%s 至 %s（共%d天）", chineseDate(terms.Start), chineseDate(end), terms.Days), st.term, 24); err != nil {
		return err
	}
	const hdrRow = 3
	for i, h := range noticeHeader {
		cell, _ := excelize.CoordinatesToCellName(i+1, hdrRow)
		if err := f.SetCellStr(sh, cell, h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A3", fmt.Sprintf("%s%d", last, hdrRow), st.header); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, hdrRow, 24); err != nil {
		return err
	}
	r := hdrRow
	widths := []float64{7, 10, 12, 24, 12, 16}
	for i, row := range rows { // 户主姓名, masked ID, 家庭人口数, 类型
		r++
		cells := []struct {
			v     string
			style int
		}{{strconv.Itoa(i + 1), st.number}, {v.village, st.cell}, {row[0], st.cell}, {row[1], st.id}, {row[2], st.number}, {row[3], st.cell}}
		for c, x := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			var err error
			if n, nerr := strconv.Atoi(x.v); nerr == nil && x.style == st.number {
				err = f.SetCellInt(sh, cell, int64(n))
			} else {
				err = f.SetCellStr(sh, cell, x.v) // a text cell, whatever it begins with (SPEC §8)
			}
			if err != nil {
				return err
			}
			if err := f.SetCellStyle(sh, cell, cell, x.style); err != nil {
				return err
			}
			widths[c] = max(widths[c], textWidth(x.v)+3)
		}
		if err := f.SetRowHeight(sh, r, 20); err != nil {
			return err
		}
	}
	if len(rows) == 0 {
		r++
		a := fmt.Sprintf("A%d", r)
		if err := f.SetCellStr(sh, a, "本次无拟公示对象"); err != nil {
			return err
		}
		if err := f.MergeCell(sh, a, fmt.Sprintf("%s%d", last, r)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, a, fmt.Sprintf("%s%d", last, r), st.cell); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, r, 24); err != nil {
			return err
		}
	}
	r += 2
	if err := line(r, fmt.Sprintf("如有异议，请在公示期内向%s反映。", terms.Unit), st.note, 22); err != nil {
		return err
	}
	if terms.Phone != "" {
		r++
		if err := line(r, "监督电话："+terms.Phone, st.note, 22); err != nil {
			return err
		}
	}
	r += 2
	if err := line(r, terms.Unit+"  "+chineseDate(terms.Start), st.sign, 22); err != nil {
		return err
	}
	// the title is one line in an 18-point font: widen the columns so that
	// it is never cut (the page then fits the whole to its width)
	total := 0.0
	for _, w := range widths {
		total += min(w, maxWidth)
	}
	if need := textWidth(title)*18/11 + 4; total < need {
		for i := range widths {
			widths[i] = min(widths[i], maxWidth) * need / total
		}
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sh, col, col, min(w, maxWidth)); err != nil {
			return err
		}
	}
	if err := fitToPage(f, sh); err != nil {
		return err
	}
	// the table's header repeats on every page of a long village
	return printSetup(f, sh, hdrRow, hdrRow)
}
