package osfs_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paicha/paicha/pipeline/osfs"
)

// tempDir is t.TempDir removed with RemoveAll: Go's own os.RemoveAll asks
// Windows for POSIX deletes, which Wine 8 refuses, and these tests run
// under Wine in `make test-platforms`.
func tempDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("", "osfs-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := osfs.RemoveAll(d); err != nil {
			t.Error(err)
		}
	})
	return d
}

func mkfile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

// The nightly root's latest pointer, moved from run to run, as nightly does,
// in a root whose name has Chinese characters and a space.
func TestPointAt(t *testing.T) {
	root := filepath.Join(tempDir(t), "排查 结果")
	runs := []string{"2023-05-14T013000", "2023-05-15T013000", "2023-05-15T013000-2"}
	for _, r := range runs {
		mkfile(t, filepath.Join(root, "runs", r, "candidates.csv"), r)
	}
	link := filepath.Join(root, "latest")
	if _, err := osfs.ReadPointer(link); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("ReadPointer before any run: %v, want not exist", err)
	}
	for _, r := range runs {
		if err := osfs.PointAt(link, filepath.Join("runs", r)); err != nil {
			t.Fatalf("PointAt %s: %v", r, err)
		}
		target, err := osfs.ReadPointer(link)
		if err != nil || target != filepath.Join(root, "runs", r) {
			t.Errorf("ReadPointer after PointAt %s = %q, %v", r, target, err)
		}
		b, err := os.ReadFile(filepath.Join(osfs.ResolveDir(link), "candidates.csv"))
		if err != nil || string(b) != r {
			t.Errorf("the file through latest after PointAt %s: %q, %v", r, b, err)
		}
	}
	ents, _ := os.ReadDir(root)
	if len(ents) != 2 {
		t.Errorf("root holds %d entries, want runs and latest (a temporary pointer left behind?)", len(ents))
	}

	// Removing the root's old runs through RemoveAll never follows latest.
	if err := osfs.RemoveAll(link); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "runs", runs[2], "candidates.csv")); err != nil {
		t.Errorf("removing latest removed the run it pointed at: %v", err)
	}
}

// A real folder or file named latest is data: PointAt leaves it alone.
func TestPointAtRefusesData(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(p string)
	}{
		{"folder", func(p string) { mkfile(t, filepath.Join(p, "note.txt"), "keep") }},
		{"file", func(p string) { mkfile(t, p, "keep") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := tempDir(t)
			link := filepath.Join(root, "latest")
			tc.make(link)
			if err := osfs.PointAt(link, "runs/x"); !errors.Is(err, osfs.ErrNotPointer) {
				t.Errorf("PointAt over a %s: %v, want ErrNotPointer", tc.name, err)
			}
			if osfs.ResolveDir(link) != link {
				t.Errorf("ResolveDir of a %s moved", tc.name)
			}
		})
	}
}

func TestRemoveAll(t *testing.T) {
	root := filepath.Join(tempDir(t), "输出")
	mkfile(t, filepath.Join(root, "townships", "白兴吐苏木.xlsx"), "x")
	mkfile(t, filepath.Join(root, ".scratch", "township-0.spool"), "x")
	mkfile(t, filepath.Join(root, "candidates.csv"), "x")
	if err := osfs.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(root); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after RemoveAll: %v", err)
	}
	if err := osfs.RemoveAll(root); err != nil {
		t.Errorf("RemoveAll of nothing: %v", err)
	}
}
