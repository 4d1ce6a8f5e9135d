// Package discover is the first stage: it turns the PATHs given on the
// command line into the list of input files, in a stable order.
package discover

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Extensions read as inputs (SPEC §1).
var Extensions = []string{".xlsx", ".xlsm", ".xls", ".csv"}

// File is one input file found under a PATH, with the kind the PATH was given as.
type File struct {
	Path string // as found under the PATH given, joined with "/" (what rejects.csv and summary.json show; Windows opens it as it is)
	Kind string // "survey", "card", "medical", or "" for --in
	Open string // where to open it when that differs from Path (a Spec with a Base); "" = Path
}

// Spec is one PATH and its kind.
type Spec struct {
	Path, Kind string
	// Base, if set, is a folder Path is relative to that the outputs do not
	// show: the sample county unpacks into a temporary folder whose random
	// name would make two runs' outputs differ (SPEC §7).
	Base string
}

// Find walks every PATH (a file, or a folder searched recursively) and returns
// the input files sorted by path, each once: a file reached through two PATHs
// keeps the first kind it was given with. Excel's lock files (~$name.xlsx) and
// hidden files are passed over. A PATH that does not exist is an error.
func Find(specs []Spec) ([]File, error) {
	var out []File
	seen := map[string]bool{}
	add := func(path, kind, base string) {
		open := filepath.Join(base, path)
		abs, err := filepath.Abs(open)
		if err != nil {
			abs = open
		}
		if seen[abs] {
			return
		}
		seen[abs] = true
		f := File{Path: filepath.ToSlash(path), Kind: kind}
		if base != "" {
			f.Open = open
		}
		out = append(out, f)
	}
	for _, s := range specs {
		root := filepath.Join(s.Base, s.Path)
		info, err := os.Stat(root)
		if err != nil {
			return nil, &MissingPathError{Spec: s}
		}
		if !info.IsDir() {
			add(s.Path, s.Kind, s.Base)
			continue
		}
		var found []string
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("无法读取文件夹 %s：%w", p, err)
			}
			name := d.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || strings.HasPrefix(name, "~$") || !isInput(name) {
				return nil
			}
			if s.Base != "" {
				if p, err = filepath.Rel(s.Base, p); err != nil {
					return err
				}
			}
			// joined with "/" on every platform (SPEC §9), before sorting,
			// so that Windows lists the files in Linux's order
			found = append(found, filepath.ToSlash(p))
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, p := range found {
			add(filepath.FromSlash(p), s.Kind, s.Base)
		}
	}
	return out, nil
}

func isInput(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// MissingPathError is a PATH given that does not exist.
type MissingPathError struct{ Spec Spec }

func (e *MissingPathError) Error() string {
	return fmt.Sprintf("找不到输入路径 %s：请检查路径是否正确", e.Spec.Path)
}
