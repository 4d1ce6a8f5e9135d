package ingest

import (
	"testing"

	"github.com/paicha/paicha/pipeline/header"
)

// A field the rows read that no header table knows would never have a
// column: every one must be a field of some kind of input.
func TestFieldsAreKnown(t *testing.T) {
	known := map[string]bool{}
	lists := header.List([]string{"号牌种类"}, []string{"登记日期"})
	for _, fs := range []header.Fields{header.Card, header.Medical, header.Survey,
		header.Police, header.Aid, header.Disability, header.School, lists} {
		for _, f := range fs {
			known[f.Name] = true
		}
	}
	for _, name := range fieldNames {
		if !known[name] {
			t.Errorf("field %q is in no header table (pipeline/header/aliases.go, lists.go)", name)
		}
	}
}

// TestLastCell: each answer is the parse of its own cell, and a cell that
// repeats one of the two different cells before it is not parsed again.
func TestLastCell(t *testing.T) {
	tests := []struct {
		cells  []string
		parses int
	}{
		{[]string{"a"}, 1},
		{[]string{"a", "a", "a"}, 1},
		{[]string{"a", "b", "a", "b", "a"}, 2},
		{[]string{"", "", "x", "x", ""}, 2},
		{[]string{"白兴吐", "白兴吐", "巴彦吐", "白兴吐"}, 2},
		{[]string{"a", "b", "c", "a"}, 4},
		// The one used less lately gives way: here b, then c.
		{[]string{"a", "b", "a", "c", "a", "b"}, 4},
		{[]string{"a", "b", "a", "c", "b"}, 4},
	}
	for _, tt := range tests {
		var m lastCell[string]
		parses := 0
		parse := func(s string) string { parses++; return "<" + s + ">" }
		for _, c := range tt.cells {
			if got, want := m.Of(c, parse), "<"+c+">"; got != want {
				t.Errorf("%q: of(%q) = %q, want %q", tt.cells, c, got, want)
			}
		}
		if parses != tt.parses {
			t.Errorf("%q: %d parses, want %d", tt.cells, parses, tt.parses)
		}
	}
}
