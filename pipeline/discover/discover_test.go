package discover

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"survey/乙村.xlsx", "survey/甲/a.csv", "survey/.hidden.csv", "survey/~$lock.xlsx", "survey/notes.txt", "card/pay.csv"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	slash := filepath.ToSlash(dir)
	tests := []struct {
		name  string
		specs []Spec
		want  []File
	}{{
		name:  "folders as given, sorted, each file once",
		specs: []Spec{{Path: filepath.Join(dir, "survey"), Kind: "survey"}, {Path: dir, Kind: ""}},
		want: []File{
			{Path: slash + "/survey/乙村.xlsx", Kind: "survey"},
			{Path: slash + "/survey/甲/a.csv", Kind: "survey"},
			{Path: slash + "/card/pay.csv", Kind: ""},
		},
	}, {
		name:  "a Base is opened but not shown",
		specs: []Spec{{Path: "survey", Kind: "survey", Base: dir}, {Path: filepath.Join("card", "pay.csv"), Kind: "card", Base: dir}},
		want: []File{
			{Path: "survey/乙村.xlsx", Kind: "survey", Open: filepath.Join(dir, "survey", "乙村.xlsx")},
			{Path: "survey/甲/a.csv", Kind: "survey", Open: filepath.Join(dir, "survey", "甲", "a.csv")},
			{Path: "card/pay.csv", Kind: "card", Open: filepath.Join(dir, "card", "pay.csv")},
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Find(tc.specs)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Find:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
	if _, err := Find([]Spec{{Path: "none", Base: dir}}); err == nil {
		t.Error("a PATH that does not exist under its Base: no error")
	}
}
