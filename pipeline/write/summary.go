package write

import (
	"fmt"
	"sort"

	"github.com/xuri/excelize/v2"
)

// candidateCountBy marks the list charted on 汇总 (candidates per village).
const candidateCountBy = "候选类型"

type place struct{ township, village string }

// counter counts, while rows stream by, the CountBy values of each counted
// list per 乡镇 and 村. It holds one small table per village, never rows.
type counter struct {
	specs []*countSpec
	cnt   map[place][][]int // [spec][value index] counts
}

type countSpec struct {
	label   string
	countBy string
	values  []string // in order of discovery (CountValues first)
	idx     map[string]int
	fixed   int
	ti, vi  int // 乡镇, 村 column
	ci      int // CountBy column
	si      int // index in counter.specs
}

func newCounter() *counter { return &counter{cnt: map[place][][]int{}} }

// spec returns the counting spec for l, or nil when l is not counted (no
// CountBy, or no 乡镇/村/CountBy column).
func (c *counter) spec(l *List) *countSpec {
	if l.CountBy == "" {
		return nil
	}
	ti, vi, ci := colIndex(l.Columns, colTownship), colIndex(l.Columns, colVillage), colIndex(l.Columns, l.CountBy)
	if ti < 0 || vi < 0 || ci < 0 {
		return nil
	}
	s := &countSpec{label: l.CountLabel, countBy: l.CountBy, idx: map[string]int{}, ti: ti, vi: vi, ci: ci}
	if s.label == "" {
		s.label = l.Sheet
	}
	for _, v := range l.CountValues {
		if _, ok := s.idx[v]; !ok {
			s.idx[v] = len(s.values)
			s.values = append(s.values, v)
		}
	}
	s.fixed = len(s.values)
	s.si = len(c.specs)
	c.specs = append(c.specs, s)
	return s
}

func (c *counter) add(s *countSpec, row []string) {
	si := s.si
	v := row[s.ci]
	k, ok := s.idx[v]
	if !ok {
		k = len(s.values)
		s.idx[v] = k
		s.values = append(s.values, v)
	}
	p := place{row[s.ti], row[s.vi]}
	t := c.cnt[p]
	if t == nil {
		t = make([][]int, len(c.specs))
		c.cnt[p] = t
	}
	for len(t) <= si { // a spec added after this place was first seen
		t = append(t, nil)
		c.cnt[p] = t
	}
	for len(t[si]) <= k {
		t[si] = append(t[si], 0)
	}
	t[si][k]++
}

// column is one count column of 汇总.
type sumCol struct {
	header string
	spec   int
	value  int // index into spec values; -1 = the list's total
}

func (c *counter) columns() []sumCol {
	var cols []sumCol
	for si, s := range c.specs {
		order := make([]int, len(s.values))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order[s.fixed:], func(a, b int) bool {
			return s.values[order[s.fixed+a]] < s.values[order[s.fixed+b]]
		})
		for _, k := range order {
			v := s.values[k]
			if v == "" {
				v = "（空）"
			}
			cols = append(cols, sumCol{header: s.label + ":" + v, spec: si, value: k})
		}
		cols = append(cols, sumCol{header: s.label + "合计", spec: si, value: -1})
	}
	return cols
}

func (c *counter) get(t [][]int, col sumCol) int {
	if col.spec >= len(t) {
		return 0
	}
	row := t[col.spec]
	if col.value < 0 {
		n := 0
		for _, x := range row {
			n += x
		}
		return n
	}
	if col.value >= len(row) {
		return 0
	}
	return row[col.value]
}

func blankAs(s string) string {
	if s == "" {
		return "（未填）"
	}
	return s
}

// writeSummary fills the 汇总 sheet (normal, not streaming, mode: it is small):
// a village table with a total row, a township table when more than one
// township occurs, and a bar chart of candidates per village.
func (c *counter) writeSummary(b *book, title string) error {
	f, sh := b.f, summarySeet
	cols := c.columns()
	places := make([]place, 0, len(c.cnt))
	for p := range c.cnt {
		places = append(places, p)
	}
	sort.Slice(places, func(i, j int) bool {
		if places[i].township != places[j].township {
			return places[i].township < places[j].township
		}
		return places[i].village < places[j].village
	})
	ncol := 2 + len(cols)
	lastCol, _ := excelize.ColumnNumberToName(ncol)

	header := func(row int, first, second string) error {
		vals := []interface{}{first, second}
		for _, col := range cols {
			vals = append(vals, col.header)
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sh, cell, &vals); err != nil {
			return err
		}
		return f.SetCellStyle(sh, cell, fmt.Sprintf("%s%d", lastCol, row), b.st.header)
	}
	if err := header(1, colTownship, colVillage); err != nil {
		return err
	}
	totals := make([]int, len(cols))
	townTotals := map[string][]int{}
	var towns []string
	villages := map[string]int{}
	r := 1
	for _, p := range places {
		r++
		t := c.cnt[p]
		vals := []interface{}{blankAs(p.township), blankAs(p.village)}
		tt := townTotals[p.township]
		if tt == nil {
			tt = make([]int, len(cols))
			townTotals[p.township] = tt
			towns = append(towns, p.township)
		}
		villages[p.township]++
		for i, col := range cols {
			n := c.get(t, col)
			vals = append(vals, n)
			totals[i] += n
			tt[i] += n
		}
		if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", r), &vals); err != nil {
			return err
		}
	}
	lastData := r
	if lastData > 1 {
		if err := f.SetCellStyle(sh, "C2", fmt.Sprintf("%s%d", lastCol, lastData), b.st.integer); err != nil {
			return err
		}
	}
	totalRow := func(row int, label string, second interface{}, nums []int) error {
		vals := []interface{}{label, second}
		for _, n := range nums {
			vals = append(vals, n)
		}
		if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", row), &vals); err != nil {
			return err
		}
		return f.SetCellStyle(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("%s%d", lastCol, row), b.st.total)
	}
	r++
	if err := totalRow(r, "合计", fmt.Sprintf("%d个村", len(places)), totals); err != nil {
		return err
	}
	if len(towns) > 1 {
		r += 2
		if err := header(r, colTownship, "村数"); err != nil {
			return err
		}
		for _, t := range towns {
			r++
			vals := []interface{}{blankAs(t), villages[t]}
			for _, n := range townTotals[t] {
				vals = append(vals, n)
			}
			if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", r), &vals); err != nil {
				return err
			}
			if err := f.SetCellStyle(sh, fmt.Sprintf("B%d", r), fmt.Sprintf("%s%d", lastCol, r), b.st.integer); err != nil {
				return err
			}
		}
		r++
		if err := totalRow(r, "合计", len(places), totals); err != nil {
			return err
		}
	}
	if len(c.specs) == 0 {
		if err := f.SetCellValue(sh, fmt.Sprintf("A%d", r+2), "（没有按乡镇、村统计的清单）"); err != nil {
			return err
		}
	}

	// widths, panes, filter
	wA, wB := textWidth(colTownship)+4, textWidth(colVillage)+4
	for _, p := range places {
		wA = max(wA, textWidth(blankAs(p.township))+2)
		wB = max(wB, textWidth(blankAs(p.village))+2)
	}
	if err := f.SetColWidth(sh, "A", "A", min(wA, maxWidth)); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", min(max(wB, 10), maxWidth)); err != nil {
		return err
	}
	for i, col := range cols {
		name, _ := excelize.ColumnNumberToName(3 + i)
		// the headers wrap (候选:突发严重困难户 on two lines): narrow columns,
		// so that the table prints one page wide at a readable size
		if err := f.SetColWidth(sh, name, name, min(max(textWidth(col.header)/2+3, 8), maxWidth)); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, 1, 48); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{
		Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "C2", ActiveCell: "C2", Pane: "bottomRight"}},
	}); err != nil {
		return err
	}
	if err := f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", lastCol, max(lastData, 1)), nil); err != nil {
		return err
	}
	if err := fitToPage(f, sh); err != nil {
		return err
	}
	if err := printSetup(f, sh, 1, 1); err != nil {
		return err
	}
	// the tables print; the chart beside them would shrink them to fit
	if err := printArea(f, sh, ncol, r); err != nil {
		return err
	}
	return c.addChart(b, cols, lastData, ncol, title)
}

// addChart draws a stacked bar per village of the candidate counts.
func (c *counter) addChart(b *book, cols []sumCol, lastData, ncol int, title string) error {
	ci := -1
	for i, s := range c.specs {
		if s.countBy == candidateCountBy {
			ci = i
			break
		}
	}
	if ci < 0 || lastData < 2 {
		return nil
	}
	ref := func(col, r1, r2 int) string {
		name, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", summarySeet, name, r1, name, r2)
	}
	var series []excelize.ChartSeries
	for i, col := range cols {
		if col.spec != ci || col.value < 0 {
			continue
		}
		name, _ := excelize.ColumnNumberToName(3 + i)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$1", summarySeet, name),
			Categories: ref(2, 2, lastData),
			Values:     ref(3+i, 2, lastData),
		})
	}
	if len(series) == 0 {
		return nil
	}
	n := lastData - 1
	height := uint(min(max(80+22*n, 320), 16000))
	anchor, _ := excelize.CoordinatesToCellName(ncol+2, 1)
	return b.f.AddChart(summarySeet, anchor, &excelize.Chart{
		Type:      excelize.BarStacked,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:    excelize.ChartLegend{Position: "top"},
		Dimension: excelize.ChartDimension{Width: 640, Height: height},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
		Format:    excelize.GraphicOptions{OffsetX: 10},
	})
}
