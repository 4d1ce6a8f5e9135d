package osfs_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paicha/paicha/pipeline/osfs"
)

// Windows refuses to delete a file that is open (SPEC §8), on every file
// system: RemoveAll reports it, so a cleanup that deletes an open file fails
// in tests rather than only on a FAT drive.
func TestRemoveAllOpenFile(t *testing.T) {
	root := tempDir(t)
	p := filepath.Join(root, "dir", "open.spool")
	mkfile(t, p, "x")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := osfs.RemoveAll(filepath.Join(root, "dir")); err == nil {
		t.Error("RemoveAll deleted a file that was open")
	}
	f.Close()
	if err := osfs.RemoveAll(filepath.Join(root, "dir")); err != nil {
		t.Errorf("RemoveAll after closing: %v", err)
	}
}
