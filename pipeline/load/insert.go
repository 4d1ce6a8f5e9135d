package load

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// sourceSet is the sources of the rows of one batch: a batch carries
// file_ord and sheet_ord on every row and the file and sheet names once, in
// its INSERT (insertFrom).
type sourceSet struct {
	list []Source
	seen map[[2]int]bool
	last [2]int // the source of the previous row
}

func (s *sourceSet) note(src Source) {
	// A sheet's rows come one after another: the last source is the usual
	// answer, and the map is only asked when the source changes.
	key := [2]int{src.FileOrd, src.SheetOrd}
	if len(s.list) > 0 && key == s.last {
		return
	}
	if s.seen == nil {
		s.seen = map[[2]int]bool{}
	}
	if !s.seen[key] {
		s.seen[key] = true
		s.list = append(s.list, src)
	}
	s.last = key
}

func (s *sourceSet) reset() {
	s.list = s.list[:0]
	clear(s.seen)
}

// insertFrom is the INSERT that copies a batch into its table. from is a
// relation aliased c holding file_ord, sheet_ord, src_row and the table's
// own columns (cols[5:]); each row gets its file and sheet names as
// constants when the batch holds one source (a big export's batches: a join
// costs a third more), else joined from a VALUES list.
func insertFrom(table string, cols []column, sources []Source, from string) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " SELECT c.file_ord, c.sheet_ord, ")
	if len(sources) == 1 {
		b.WriteString(sqlString(validUTF8(sources[0].File)) + ", " + sqlString(validUTF8(sources[0].Sheet)))
	} else {
		b.WriteString("s.src_file, s.src_sheet")
	}
	b.WriteString(", c.src_row")
	for _, col := range cols[5:] {
		b.WriteString(", c." + col.name)
	}
	b.WriteString(" FROM " + from + " c")
	if len(sources) == 1 {
		return b.String()
	}
	b.WriteString(" JOIN (VALUES ")
	for i, src := range sources {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "(%d, %d, %s, %s)", src.FileOrd, src.SheetOrd, sqlString(validUTF8(src.File)), sqlString(validUTF8(src.Sheet)))
	}
	b.WriteString(") s(file_ord, sheet_ord, src_file, src_sheet) ON c.file_ord = s.file_ord AND c.sheet_ord = s.sheet_ord")
	return b.String()
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// validUTF8 replaces the bytes of s that are not UTF-8.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
