package load

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// sourceSet is the files and sheets the loaded rows came from, for the
// source table (Finish): a row itself carries only file_ord and sheet_ord.
type sourceSet struct {
	mu   sync.Mutex
	seen map[[2]int]Source
}

func (s *sourceSet) add(src Source) {
	key := [2]int{src.FileOrd, src.SheetOrd}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[[2]int]Source{}
	}
	if _, ok := s.seen[key]; !ok {
		s.seen[key] = src
	}
}

// insertSQL is the INSERT that fills the source table, "" when no row was loaded.
func (s *sourceSet) insertSQL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.seen) == 0 {
		return ""
	}
	keys := slices.SortedFunc(maps.Keys(s.seen), func(a, b [2]int) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	var b strings.Builder
	b.WriteString("INSERT INTO source VALUES ")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		src := s.seen[k]
		fmt.Fprintf(&b, "(%d, %d, %s, %s)", src.FileOrd, src.SheetOrd, sqlString(validUTF8(src.File)), sqlString(validUTF8(src.Sheet)))
	}
	return b.String()
}

// sourceNote hands a table writer's sources to the DB's sourceSet. A
// sheet's rows come one after another: the last source is the usual one,
// and the set is locked only when the source changes.
type sourceNote struct {
	set  *sourceSet
	last [2]int
	any  bool
}

func (n *sourceNote) note(src Source) {
	key := [2]int{src.FileOrd, src.SheetOrd}
	if n.any && key == n.last {
		return
	}
	n.set.add(src)
	n.last, n.any = key, true
}

// insertFrom is the INSERT that copies rows into their table from a
// relation holding the table's columns in order.
func insertFrom(table, from string) string {
	return "INSERT INTO " + table + " SELECT * FROM " + from
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// validUTF8 replaces the bytes of s that are not UTF-8.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
