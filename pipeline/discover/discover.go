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
	Path string // as found under the PATH given (what rejects.csv and summary.json show)
	Kind string // "survey", "card", "medical", or "" for --in
}

// Spec is one PATH and its kind.
type Spec struct {
	Path, Kind string
}

// Find walks every PATH (a file, or a folder searched recursively) and returns
// the input files sorted by path, each once: a file reached through two PATHs
// keeps the first kind it was given with. Excel's lock files (~$name.xlsx) and
// hidden files are passed over. A PATH that does not exist is an error.
func Find(specs []Spec) ([]File, error) {
	var out []File
	seen := map[string]bool{}
	add := func(path, kind string) {
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		if seen[abs] {
			return
		}
		seen[abs] = true
		out = append(out, File{Path: path, Kind: kind})
	}
	for _, s := range specs {
		info, err := os.Stat(s.Path)
		if err != nil {
			return nil, &MissingPathError{Spec: s}
		}
		if !info.IsDir() {
			add(s.Path, s.Kind)
			continue
		}
		var found []string
		err = filepath.WalkDir(s.Path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("无法读取文件夹 %s：%w", p, err)
			}
			name := d.Name()
			if p != s.Path && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || strings.HasPrefix(name, "~$") || !isInput(name) {
				return nil
			}
			found = append(found, p)
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, p := range found {
			add(p, s.Kind)
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
