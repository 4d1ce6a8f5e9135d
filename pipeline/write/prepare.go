package write

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/paicha/paicha/pipeline/normalize"
)

// What `paicha prepare` writes (SPEC §6.2): a survey form and a 一卡通
// statement workbook per village, under forms/<乡镇>/ and statements/<乡镇>/.

// Output folders of prepare.
const (
	FormsDir      = "forms"
	StatementsDir = "statements"
)

// Forms are the village survey forms, pre-filled (SPEC §6.2).
type Forms struct {
	Sheets  []FormSheet // one per category, in order
	Columns []Column    // the form's columns: §3.3's canonical headers
	// Rows streams the form's rows sorted by 乡镇, 村, sheet: 乡镇, 村, the
	// sheet's index in Sheets, "1" for a person outside M (dead or moved
	// out: printed grey, under the household), then the cells of Columns.
	Rows func(ctx context.Context, yield func(row []string) error) error
}

// FormSheet is one category sheet of a form.
type FormSheet struct {
	Name  string // 监测户 …
	Empty string // said on the sheet when no household of the village is in it
}

// Statements are the villages' 一卡通 statements (SPEC §6.2, §9).
type Statements struct {
	First, Last time.Time // the span of the payments
	// Rows streams, sorted by 乡镇, 村, household: per household a row
	// 乡镇, 村, "H", 户编号, 户主姓名, 户主身份证号, members, failed payments
	// left out, repeated serials left out, ""; then its payments: 乡镇, 村,
	// "P", 姓名, 身份证号, 补贴项目, 发放日期 (YYYY-MM-DD), 金额, 备注, "".
	// IDs come in full and are masked here.
	Rows func(ctx context.Context, yield func(row []string) error) error
}

// StatementFields is the length of a statement row.
const StatementFields = 10

// writePrepared writes o's forms and statements into tmp.
func writePrepared(ctx context.Context, o *Output, tmp string) (dirs []string, err error) {
	books := func(name, suffix string, rows func(context.Context, func([]string) error) error, build func(*villageBook) error) error {
		dir := filepath.Join(tmp, name)
		if err := os.Mkdir(dir, 0o700); err != nil {
			return err
		}
		made, err := writeVillageBooks(ctx, dir, suffix, rows, build)
		dirs = append(dirs, dir)
		dirs = append(dirs, made...)
		return err
	}
	if o.Forms != nil {
		if err := books(FormsDir, "-入户排查表.xlsx", o.Forms.Rows, o.Forms.buildForm); err != nil {
			return nil, err
		}
	}
	if o.Statements != nil {
		if err := books(StatementsDir, "-一卡通明细.xlsx", o.Statements.Rows, o.Statements.buildStatement); err != nil {
			return nil, err
		}
	}
	return dirs, nil
}

// villageBook is one village's rows on their way to its workbook.
type villageBook struct {
	township, village string
	path              string
	rows              [][]string
}

// writeVillageBooks streams rows (乡镇 and 村 first, grouped) into one
// workbook per village, dir/<乡镇>/<村><suffix>, built by a worker per core
// with build. It returns the folders it made in dir.
func writeVillageBooks(ctx context.Context, dir, suffix string, rows func(context.Context, func([]string) error) error,
	build func(v *villageBook) error) (dirs []string, err error) {
	jobs := make(chan *villageBook)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for v := range jobs {
				if err := build(v); err != nil {
					mu.Lock()
					if failed == nil {
						failed = fmt.Errorf("write: %s %s: %w", v.township, v.village, err)
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
	townStems := map[string]string{}
	townUsed, villageUsed := map[string]bool{}, map[string]bool{}
	seen := map[place]bool{}
	var cur *villageBook
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
	err = rows(ctx, func(row []string) error {
		if count++; count%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		t, v := blankAs(row[0]), blankAs(row[1]) // forms and statements: a household without them is still visited
		if cur == nil || cur.township != t || cur.village != v {
			if err := send(); err != nil {
				return err
			}
			p := place{t, v}
			if seen[p] {
				return fmt.Errorf("write: the rows of %s %s are not together (sort them by 乡镇, 村)", t, v)
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
			file := uniqueStem(safeFileName(v), villageUsed, stem+"/") + suffix
			cur = &villageBook{township: t, village: v, path: filepath.Join(dir, stem, file)}
		}
		cur.rows = append(cur.rows, append([]string(nil), row[2:]...))
		return nil
	})
	if err == nil {
		err = send()
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		err = stop()
	}
	return dirs, err
}

// prepStyles are the cell styles of the forms and statements.
type prepStyles struct {
	title, header, text, id, money, date, departed, departedID, note, total, totalMoney int
}

func newPrepStyles(f *excelize.File) (prepStyles, error) {
	var st prepStyles
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	mid := &excelize.Alignment{Vertical: "center", WrapText: true}
	grey := &excelize.Font{Color: "808080", Italic: true}
	bold := &excelize.Font{Bold: true}
	dateFmt := "yyyy-mm-dd"
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&st.header, excelize.Style{Font: bold, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}},
		{&st.text, excelize.Style{Border: border, Alignment: mid}},
		{&st.id, excelize.Style{Border: border, Alignment: mid, NumFmt: 49}},
		{&st.money, excelize.Style{Border: border, Alignment: mid, NumFmt: 2}},
		{&st.date, excelize.Style{Border: border, Alignment: mid, CustomNumFmt: &dateFmt}},
		{&st.departed, excelize.Style{Border: border, Alignment: mid, Font: grey}},
		{&st.departedID, excelize.Style{Border: border, Alignment: mid, Font: grey, NumFmt: 49}},
		{&st.note, excelize.Style{Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.total, excelize.Style{Font: bold, Border: border, Alignment: mid,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&st.totalMoney, excelize.Style{Font: bold, Border: border, Alignment: mid, NumFmt: 2,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// cellValue is v as a workbook cell of kind k: money and integers as
// numbers, dates as dates, everything else as a text cell (never a formula,
// SPEC §8).
func cellValue(v string, k Kind, text, id, money, date int) excelize.Cell {
	if v == "" {
		// a blank to fill in: the style (border, number format) without a
		// value, which a county's forms write millions of
		switch k {
		case Money, Int:
			return excelize.Cell{StyleID: money}
		case ID, Code:
			return excelize.Cell{StyleID: id}
		case Date:
			return excelize.Cell{StyleID: date}
		}
		return excelize.Cell{StyleID: text}
	}
	switch k {
	case Money, Int:
		if x, ok := parseDecimal(v); ok && v != "" {
			return excelize.Cell{StyleID: money, Value: x}
		}
	case Date:
		if d, err := time.Parse("2006-01-02", v); err == nil {
			return excelize.Cell{StyleID: date, Value: d}
		}
	case ID, Code:
		return excelize.Cell{StyleID: id, Value: v}
	}
	return excelize.Cell{StyleID: text, Value: v}
}

// formPages is how many pages wide a form prints: its many columns are
// filled in by hand (SPEC §9).
const formPages = 2

// buildForm writes one village's survey form: a sheet per category, a
// title row, the header row, then the households.
func (fm *Forms) buildForm(v *villageBook) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newPrepStyles(f)
	if err != nil {
		return err
	}
	bySheet := make([][][]string, len(fm.Sheets))
	for _, r := range v.rows {
		k, err := strconv.Atoi(r[0])
		if err != nil || k < 0 || k >= len(fm.Sheets) {
			return fmt.Errorf("form row names sheet %q", r[0])
		}
		bySheet[k] = append(bySheet[k], r)
	}
	ncol := len(fm.Columns)
	for k, sh := range fm.Sheets {
		if k == 0 {
			err = f.SetSheetName("Sheet1", sh.Name)
		} else {
			_, err = f.NewSheet(sh.Name)
		}
		if err != nil {
			return err
		}
		if err := fitToPage(f, sh.Name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(sh.Name)
		if err != nil {
			return err
		}
		for i, c := range fm.Columns {
			w := c.Width
			if w == 0 {
				w = max(textWidth(c.Name)+2, 8)
				if c.Kind == ID {
					w = 21
				}
			}
			if err := sw.SetColWidth(i+1, i+1, w); err != nil {
				return err
			}
		}
		if len(bySheet[k]) > 0 {
			if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
				return err
			}
		}
		title := fmt.Sprintf("%s%s入户排查表（%s）", v.township, v.village, sh.Name)
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: title}}, excelize.RowOpts{Height: 24}); err != nil {
			return err
		}
		r := 2
		if len(bySheet[k]) == 0 {
			// No header row: compare notes the sheet and skips it.
			if err := sw.SetRow("A2", []any{excelize.Cell{StyleID: st.note, Value: sh.Empty}}); err != nil {
				return err
			}
		} else {
			head := make([]any, ncol)
			for i, c := range fm.Columns {
				head[i] = excelize.Cell{StyleID: st.header, Value: c.Name}
			}
			if err := sw.SetRow("A2", head, excelize.RowOpts{Height: 36}); err != nil {
				return err
			}
		}
		for _, row := range bySheet[k] {
			r++
			departed := row[1] == "1"
			cells := make([]any, ncol)
			for i, c := range fm.Columns {
				text, id := st.text, st.id
				if departed {
					text, id = st.departed, st.departedID
				}
				cells[i] = cellValue(row[2+i], c.Kind, text, id, st.money, st.date)
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, cells); err != nil {
				return err
			}
		}
		if err := printSetupWide(f, sh.Name, 2, formPages); err != nil {
			return err
		}
		if err := printArea(f, sh.Name, ncol, max(r, 2)); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return saveFile(f, v.path)
}

// printSetupWide is printSetup for a sheet that may print pages wide.
func printSetupWide(f *excelize.File, sheet string, headerRows, pages int) error {
	if err := printSetup(f, sheet, 1, headerRows); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{FitToWidth: &pages})
}

func saveFile(f *excelize.File, p string) error {
	b := &book{f: f}
	return b.save(p)
}

// statementHeader is the table of a statement block.
var statementHeader = []string{"姓名", "身份证号", "补贴项目", "发放日期", "金额", "备注"}

// buildStatement writes one village's statements: per household a block
// (户主, members, payments by person, item and date, totals per year and per
// item, what was left out), a page break between households.
func (sm *Statements) buildStatement(v *villageBook) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newPrepStyles(f)
	if err != nil {
		return err
	}
	sh := "一卡通明细"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	if err := fitToPage(f, sh); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, w := range []float64{12, 22, 28, 13, 13, 14} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	first, last := sm.First.Year(), sm.Last.Year()
	r := 0
	line := func(style int, vals ...any) error {
		r++
		cells := make([]any, len(vals))
		for i, x := range vals {
			cells[i] = excelize.Cell{StyleID: style, Value: x}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		return sw.SetRow(cell, cells)
	}
	merged := func(style int, text string) error {
		if err := line(style, text); err != nil {
			return err
		}
		return sw.MergeCell(fmt.Sprintf("A%d", r), fmt.Sprintf("F%d", r))
	}
	span := fmt.Sprintf("%s 至 %s", sm.First.Format("2006-01-02"), sm.Last.Format("2006-01-02"))
	for i := 0; i < len(v.rows); {
		h := v.rows[i]
		if h[0] != "H" {
			return fmt.Errorf("statement rows: a payment row before its household")
		}
		i++
		var pays [][]string
		for ; i < len(v.rows) && v.rows[i][0] == "P"; i++ {
			pays = append(pays, v.rows[i])
		}
		if r > 0 {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.InsertPageBreak(cell); err != nil {
				return err
			}
		}
		if err := merged(st.title, fmt.Sprintf("%s%s 农牧户一卡通发放明细（%s）", v.township, v.village, span)); err != nil {
			return err
		}
		head := "（无在册成员）" // everyone died or moved out
		if h[2] != "" || h[3] != "" {
			head = fmt.Sprintf("%s（%s）", h[2], normalize.MaskID(h[3]))
		}
		if err := merged(st.note, fmt.Sprintf("户编号：%s　户主：%s", h[1], head)); err != nil {
			return err
		}
		if err := merged(st.note, "家庭成员："+h[4]); err != nil {
			return err
		}
		hdr := make([]any, len(statementHeader))
		for k, c := range statementHeader {
			hdr[k] = c
		}
		if err := line(st.header, hdr...); err != nil {
			return err
		}
		byYear := map[int]int64{}
		type itemSum struct{ year map[int]int64 }
		byItem := map[string]*itemSum{}
		var items []string
		for _, p := range pays {
			fen, ok := parseFen(p[5])
			if !ok {
				return fmt.Errorf("statement: amount %q", p[5])
			}
			d, err := time.Parse("2006-01-02", p[4])
			if err != nil {
				return fmt.Errorf("statement: date %q", p[4])
			}
			byYear[d.Year()] += fen
			it := byItem[p[3]]
			if it == nil {
				it = &itemSum{year: map[int]int64{}}
				byItem[p[3]] = it
				items = append(items, p[3])
			}
			it.year[d.Year()] += fen
			r++
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, []any{
				excelize.Cell{StyleID: st.text, Value: p[1]},
				excelize.Cell{StyleID: st.id, Value: normalize.MaskID(p[2])},
				excelize.Cell{StyleID: st.text, Value: p[3]},
				excelize.Cell{StyleID: st.date, Value: d},
				excelize.Cell{StyleID: st.money, Value: float64(fen) / 100},
				cellValue(p[6], Text, st.text, st.id, st.money, st.date),
			}); err != nil {
				return err
			}
		}
		if len(pays) == 0 {
			if err := merged(st.text, "本期间无一卡通发放记录"); err != nil {
				return err
			}
		}
		// totals: per item (a row each, a column per year) and per year
		years := make([]any, 0, last-first+3)
		years = append(years, "补贴项目合计")
		for y := first; y <= last; y++ {
			years = append(years, fmt.Sprintf("%d年", y))
		}
		years = append(years, "合计")
		if err := line(st.total, years...); err != nil {
			return err
		}
		sort.Strings(items)
		sumRow := func(label string, year map[int]int64) error {
			vals := []any{excelize.Cell{StyleID: st.total, Value: label}}
			var all int64
			for y := first; y <= last; y++ {
				all += year[y]
				vals = append(vals, excelize.Cell{StyleID: st.totalMoney, Value: float64(year[y]) / 100})
			}
			vals = append(vals, excelize.Cell{StyleID: st.totalMoney, Value: float64(all) / 100})
			r++
			cell, _ := excelize.CoordinatesToCellName(1, r)
			return sw.SetRow(cell, vals)
		}
		for _, it := range items {
			label := it
			if label == "" {
				label = "（未注明项目）"
			}
			if err := sumRow(label, byItem[it].year); err != nil {
				return err
			}
		}
		if err := sumRow("年度合计", byYear); err != nil {
			return err
		}
		var notes []string
		if h[5] != "0" {
			notes = append(notes, "发放失败或退回 "+h[5]+" 笔")
		}
		if h[6] != "0" {
			notes = append(notes, "重复流水号 "+h[6]+" 笔")
		}
		if len(notes) > 0 {
			if err := merged(st.note, "说明：另有"+strings.Join(notes, "、")+"未列入本明细（不是实际到账的款项）。"); err != nil {
				return err
			}
		}
		if err := merged(st.note, "注：身份证号只显示前6位和后4位；标“不计入收入”的为资本性补助，不计入家庭收入；金额为负数的行是退回或冲正。"); err != nil {
			return err
		}
	}
	if err := printSetup(f, sh, 1, 0); err != nil {
		return err
	}
	if err := printArea(f, sh, len(statementHeader), max(r, 1)); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return saveFile(f, v.path)
}

// parseFen reads a decimal amount ("-12.5", "300.00") as whole fen.
func parseFen(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	w, err1 := strconv.ParseInt(whole, 10, 64)
	c, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	v := w*100 + c
	if neg {
		v = -v
	}
	return v, true
}
