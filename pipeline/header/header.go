// Package header finds the header of an input sheet and maps its columns to
// the fields of SPEC §3: headers are matched by name, never by position.
package header

import (
	"strings"
	"unicode"

	"github.com/paicha/paicha/pipeline/normalize"
)

// SearchRows is how far down a sheet the header is looked for (SPEC §3).
const SearchRows = 20

// Field is one known column.
type Field struct {
	Name     string
	Required bool
	// Weak fields (township, village) help find the header row but prove
	// nothing about which kind of input a sheet is (SPEC §3.4).
	Weak    bool
	Aliases []string
}

// Fields is the known columns of one kind of input.
type Fields []Field

// Row is one sheet row as read.
type Row struct {
	Num   int
	Cells []string
}

// Layout is a detected header.
type Layout struct {
	FirstRow, LastRow int              // header rows; data starts below LastRow
	Cols              map[string][]int // field name → columns, best alias first
	Strong            int              // distinct non-weak fields matched
	Total             int              // distinct fields matched
}

// Has reports whether the sheet has a column for field.
func (l *Layout) Has(field string) bool { return len(l.Cols[field]) > 0 }

// Tried lists the names a field is known by, for messages.
func (fs Fields) Tried(field string) []string {
	for _, f := range fs {
		if f.Name == field {
			return f.Aliases
		}
	}
	return nil
}

// Normalize folds a header cell for matching: trim, full-width → half-width,
// no whitespace or line breaks, no leading required-marker asterisk.
func Normalize(cell string) string {
	s := normalize.Fold(cell)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimLeft(s, "*")
}

// units are the bracketed suffixes a header may carry that matching ignores
// (SPEC §3): 金额（元） = 金额. Other bracketed words stay part of the name:
// 公益性岗位(月数) is not 公益性岗位. A date's format hint (年月日) goes too.
var units = []string{"(元)", "(万元)", "(亩)", "(人)", "(月)", "(天)", "(平方米)", "(年月日)"}

// stripUnit removes a trailing bracketed unit: 金额(元) → 金额.
func stripUnit(s string) string {
	for _, u := range units {
		if strings.HasSuffix(s, u) && len(s) > len(u) {
			return s[:len(s)-len(u)]
		}
	}
	return s
}

type match struct {
	field    int // index into Fields
	priority int // alias index
}

// matcher maps normalised names to fields.
type matcher struct {
	fields Fields
	names  map[string]match
}

func newMatcher(fs Fields) *matcher {
	m := &matcher{fields: fs, names: map[string]match{}}
	for i, f := range fs {
		for j, a := range f.Aliases {
			if _, dup := m.names[Normalize(a)]; !dup {
				m.names[Normalize(a)] = match{i, j}
			}
		}
	}
	return m
}

func (m *matcher) lookup(cell string) (match, bool) {
	n := Normalize(cell)
	if n == "" {
		return match{}, false
	}
	if x, ok := m.names[n]; ok {
		return x, true
	}
	x, ok := m.names[stripUnit(n)]
	return x, ok
}

type rowMatch struct {
	cols  map[int]match // column → match
	seen  map[int]bool  // field indexes matched
	score int
}

func (m *matcher) matchRow(cells []string) rowMatch {
	rm := rowMatch{cols: map[int]match{}, seen: map[int]bool{}}
	for c, cell := range cells {
		if x, ok := m.lookup(cell); ok {
			rm.cols[c] = x
			rm.seen[x.field] = true
		}
	}
	rm.score = len(rm.seen)
	return rm
}

// Detect finds the header among rows (the first rows of a sheet, in order):
// the row within the first SearchRows rows that matches most known names, plus
// a second header row directly above or below it when that row names further
// fields (two-row merged headers such as 收入情况 / 工资性收入). ok is false
// when no row matches any known name.
func Detect(rows []Row, fs Fields) (Layout, bool) {
	m := newMatcher(fs)
	best, bestIdx := rowMatch{}, -1
	matches := make([]rowMatch, len(rows))
	for i, r := range rows {
		if r.Num > SearchRows {
			break
		}
		matches[i] = m.matchRow(r.Cells)
		if matches[i].score > best.score {
			best, bestIdx = matches[i], i
		}
	}
	if bestIdx < 0 {
		return Layout{}, false
	}
	first, last := rows[bestIdx].Num, rows[bestIdx].Num
	cols := map[int]match{}
	for c, x := range best.cols {
		cols[c] = x
	}
	// The companion row must be adjacent and add fields the best row lacks.
	for _, j := range []int{bestIdx - 1, bestIdx + 1} {
		if j < 0 || j >= len(rows) || rows[j].Num != rows[bestIdx].Num+(j-bestIdx) {
			continue
		}
		cm := matches[j]
		if j > bestIdx && rows[j].Num <= SearchRows+1 && cm.cols == nil {
			cm = m.matchRow(rows[j].Cells)
		}
		adds := false
		for f := range cm.seen {
			if !best.seen[f] {
				adds = true
			}
		}
		if !adds {
			continue
		}
		for c, x := range cm.cols {
			// Below wins over above: the lower row holds the specific name.
			if _, taken := cols[c]; !taken || j > bestIdx {
				cols[c] = x
			}
		}
		first, last = min(first, rows[j].Num), max(last, rows[j].Num)
	}
	l := Layout{FirstRow: first, LastRow: last, Cols: map[string][]int{}}
	type cand struct{ col, prio int }
	byField := map[int][]cand{}
	for c, x := range cols {
		byField[x.field] = append(byField[x.field], cand{c, x.priority})
	}
	for fi, cs := range byField {
		// Best alias first, then leftmost column.
		for a := 1; a < len(cs); a++ {
			for b := a; b > 0 && (cs[b].prio < cs[b-1].prio || cs[b].prio == cs[b-1].prio && cs[b].col < cs[b-1].col); b-- {
				cs[b], cs[b-1] = cs[b-1], cs[b]
			}
		}
		for _, c := range cs {
			l.Cols[fs[fi].Name] = append(l.Cols[fs[fi].Name], c.col)
		}
		l.Total++
		if !fs[fi].Weak {
			l.Strong++
		}
	}
	return l, true
}
