//go:build !windows

package osfs

import (
	"io/fs"
	"os"
)

// RemoveAll is os.RemoveAll.
func RemoveAll(path string) error { return os.RemoveAll(path) }

func isPointer(_ string, fi fs.FileInfo) bool { return fi.Mode()&fs.ModeSymlink != 0 }

func makePointer(tmp, _, target string) error { return os.Symlink(target, tmp) }

// replacePointer renames the new link over the old one: atomic on Unix.
func replacePointer(tmp, link string) error { return os.Rename(tmp, link) }

// ReadPointer is the absolute path of the folder link points at.
func ReadPointer(link string) (string, error) { return readLink(link) }

func readPointerFile(string) (string, error) { return "", fs.ErrInvalid }

// InUse is always false: Unix deletes and renames files that are open.
func InUse(error) bool { return false }
