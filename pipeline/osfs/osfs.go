// Package osfs holds the few file-system operations that differ between
// Unix and Windows (SPEC §8): removing a folder tree, and the pointer a
// nightly root keeps to its latest run (a symbolic link on Unix, a
// directory junction on Windows, which needs no administrator rights).
package osfs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNotPointer is returned by PointAt when the link's name is taken by a
// real folder or file that is not a pointer: PointAt never deletes data.
var ErrNotPointer = errors.New("exists and is not a link")

// PointAt makes link point at target, a path relative to link's folder
// (such as "runs/2023-05-15T013000"). A reader sees the old pointer or the
// new one, never a half-made one.
func PointAt(link, target string) error {
	if fi, err := os.Lstat(link); err == nil && !isPointer(link, fi) {
		return fmt.Errorf("%s %w", link, ErrNotPointer)
	}
	tmp := filepath.Join(filepath.Dir(link), fmt.Sprintf(".%s.tmp-%d", filepath.Base(link), os.Getpid()))
	_ = os.Remove(tmp)
	if err := makePointer(tmp, filepath.Dir(link), target); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := replacePointer(tmp, link); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// ResolveDir is the folder a pointer made by PointAt leads to, or p itself
// when p is a folder (the operating system follows links and junctions by
// itself; only the pointer file of a drive without junctions needs this).
func ResolveDir(p string) string {
	if t, err := readPointerFile(p); err == nil {
		return t
	}
	return p
}

// readLink is the absolute path a symbolic link or junction leads to.
func readLink(link string) (string, error) {
	t, err := os.Readlink(link)
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(t) {
		t = filepath.Join(filepath.Dir(link), t)
	}
	return t, nil
}
