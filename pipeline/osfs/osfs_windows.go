//go:build windows

package osfs

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"golang.org/x/sys/windows"
)

// RemoveAll removes path and everything below it, deleting each file by
// itself (DeleteFile), never following a junction. Unlike os.RemoveAll,
// which asks for POSIX delete semantics, a file still open then fails to
// go, on every Windows file system (FAT and exFAT drives have no POSIX
// semantics) and under Wine alike, so a file deleted while open is a bug
// that shows, not one that works on NTFS only.
func RemoveAll(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.IsDir() && fi.Mode()&(fs.ModeSymlink|fs.ModeIrregular) == 0 {
		ents, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		var errs []error
		for _, e := range ents {
			errs = append(errs, RemoveAll(filepath.Join(path, e.Name())))
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
	}
	err = os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// pointerMagic starts the pointer file written where the drive cannot hold
// a junction (FAT and exFAT drives, network shares).
const pointerMagic = "paicha-pointer "

func isPointer(link string, fi fs.FileInfo) bool {
	if fi.Mode()&(fs.ModeSymlink|fs.ModeIrregular) != 0 {
		return true // a junction or a symbolic link
	}
	_, err := readPointerFile(link)
	return err == nil
}

// makePointer makes tmp a directory junction to dir\target; where the file
// system refuses junctions, a small pointer file naming target.
func makePointer(tmp, dir, target string) error {
	abs, err := filepath.Abs(filepath.Join(dir, target))
	if err != nil {
		return err
	}
	jerr := makeJunction(tmp, abs)
	if jerr == nil {
		return nil
	}
	_ = os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return errors.Join(jerr, err)
	}
	_, err = f.WriteString(pointerMagic + filepath.ToSlash(target) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// replacePointer puts tmp at link. A file replaces a file atomically; a
// junction cannot be renamed over a folder or another junction, so the old
// pointer goes first (removing a junction removes the link, not the run).
func replacePointer(tmp, link string) error {
	fi, err := os.Lstat(tmp)
	if err != nil {
		return err
	}
	if old, err := os.Lstat(link); err == nil && (fi.Mode()&fs.ModeType != 0 || old.Mode()&fs.ModeType != 0) {
		if err := os.Remove(link); err != nil {
			return err
		}
	}
	return os.Rename(tmp, link)
}

// ReadPointer is the absolute path of the folder link points at.
func ReadPointer(link string) (string, error) {
	if t, err := readPointerFile(link); err == nil {
		return t, nil
	}
	return readLink(link)
}

func readPointerFile(p string) (string, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() || fi.Size() > 4096 {
		return "", fs.ErrInvalid
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	s, ok := strings.CutPrefix(strings.TrimSpace(string(b)), pointerMagic)
	if !ok || s == "" {
		return "", fs.ErrInvalid
	}
	return filepath.Join(filepath.Dir(p), filepath.FromSlash(s)), nil
}

// makeJunction creates link as a directory junction (a mount point reparse
// point) to the absolute folder target. Any user may make one, unlike a
// symbolic link, which needs administrator rights or developer mode.
func makeJunction(link, target string) error {
	if err := os.Mkdir(link, 0o700); err != nil {
		return err
	}
	p, err := windows.UTF16PtrFromString(link)
	if err != nil {
		return err
	}
	h, err := windows.CreateFile(p, windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING,
		windows.FILE_FLAG_OPEN_REPARSE_POINT|windows.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(h)
	buf := junctionData(target)
	var n uint32
	return windows.DeviceIoControl(h, windows.FSCTL_SET_REPARSE_POINT, &buf[0], uint32(len(buf)), nil, 0, &n, nil)
}

// junctionData is the REPARSE_DATA_BUFFER of a mount point to target: the
// substitute name (\??\C:\…) and the print name, each NUL-terminated.
func junctionData(target string) []byte {
	sub := utf16.Encode([]rune(`\??\` + target))
	prt := utf16.Encode([]rune(target))
	var names bytes.Buffer
	for _, s := range [][]uint16{sub, prt} {
		_ = binary.Write(&names, binary.LittleEndian, s)
		_ = binary.Write(&names, binary.LittleEndian, uint16(0))
	}
	var b bytes.Buffer
	_ = binary.Write(&b, binary.LittleEndian, uint32(windows.IO_REPARSE_TAG_MOUNT_POINT))
	_ = binary.Write(&b, binary.LittleEndian, uint16(8+names.Len())) // ReparseDataLength
	_ = binary.Write(&b, binary.LittleEndian, uint16(0))             // Reserved
	_ = binary.Write(&b, binary.LittleEndian, []uint16{
		0, uint16(2 * len(sub)), // SubstituteNameOffset, SubstituteNameLength
		uint16(2*len(sub) + 2), uint16(2 * len(prt)), // PrintNameOffset, PrintNameLength
	})
	b.Write(names.Bytes())
	return b.Bytes()
}

// InUse reports whether err is Windows refusing to delete, rename or
// replace a file because a program (Excel, most often) has it open.
func InUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
