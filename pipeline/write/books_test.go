package write

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A spool gives back, list by list, exactly the rows it was given, however
// many buffers they took, with every kind of text; a list without rows
// gives none.
func TestSpoolRoundTrip(t *testing.T) {
	lists := [][][]string{
		{{"乌兰镇", "", "a,b\n\"c\""}, {"\x00\xff", strings.Repeat("长", 30000)}},
		{},
		{{""}, {}},
	}
	for i := range 3000 {
		lists[0] = append(lists[0], []string{"宝日镇", strings.Repeat("x", i%97)})
	}
	s := &spool{path: filepath.Join(t.TempDir(), "t.spool")}
	for i, rows := range lists {
		for _, r := range rows {
			s.add(i, r)
		}
	}
	s.sync()
	if s.err != nil {
		t.Fatal(s.err)
	}
	sr, err := openSpool(s.path)
	if err != nil {
		t.Fatal(err)
	}
	defer sr.close()
	for i, want := range lists {
		var got [][]string
		if err := sr.rows(i, func(r []string) error {
			got = append(got, append([]string{}, r...))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("list %d: %d rows back, want %d", i, len(got), len(want))
		}
	}
	// A workbook without rows has no spool file at all.
	empty, err := openSpool(filepath.Join(t.TempDir(), "none.spool"))
	if err != nil {
		t.Fatal(err)
	}
	if err := empty.rows(0, func([]string) error { t.Error("a row from no spool"); return nil }); err != nil {
		t.Fatal(err)
	}
}
