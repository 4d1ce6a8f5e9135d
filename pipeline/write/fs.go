package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paicha/paicha/pipeline/osfs"
)

func tmpPrefix(base string) string { return "." + base + ".tmp-" }

// targetDir makes dir absolute and, when it is a symbolic link to a folder,
// follows it, so that the link keeps working and the folder it points to is
// what gets replaced.
func targetDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// --out a/b/c with a/b missing: create the parents (0700: they will
		// hold personal data)
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return "", fmt.Errorf("write: output folder %s: %w", abs, err)
		}
		return abs, nil
	case err != nil:
		return "", err
	case fi.Mode()&fs.ModeSymlink != 0:
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return "", fmt.Errorf("write: output folder %s: %w", abs, err)
		}
		return targetDir(real)
	case !fi.IsDir():
		return "", fmt.Errorf("write: output folder %s exists and is not a folder", abs)
	}
	if filepath.Dir(abs) == abs {
		return "", fmt.Errorf("write: output folder %s is a root folder", abs)
	}
	return abs, nil
}

// cleanStale removes ".<base>.tmp-<pid>-*" folders of processes that are no
// longer alive (a run killed with -9). Errors are ignored: stale folders are
// 0700 and harmless, and the next run tries again.
func cleanStale(parent, base string) {
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := tmpPrefix(base)
	self := os.Getpid()
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.IsDir() {
			continue
		}
		rest := name[len(prefix):]
		i := strings.IndexByte(rest, '-')
		if i <= 0 {
			continue
		}
		pid, err := strconv.Atoi(rest[:i])
		if err != nil || pid <= 0 || pid == self || pidAlive(pid) {
			continue
		}
		p := filepath.Join(parent, name)
		// A run killed between the two renames of the fallback swap leaves the
		// previous output aside and no output folder: put it back.
		if strings.HasPrefix(rest[i+1:], "old-") {
			if _, err := os.Lstat(filepath.Join(parent, base)); errors.Is(err, fs.ErrNotExist) {
				if os.Rename(p, filepath.Join(parent, base)) == nil {
					continue
				}
			}
		}
		_ = osfs.RemoveAll(p)
	}
}

// exchange atomically swaps two paths (RENAME_EXCHANGE); a variable so tests
// can simulate a kernel or file system that refuses it.
var exchange = renameExchange

// errNoExchange means the platform or file system cannot exchange paths.
var errNoExchange = errors.New("rename exchange not supported")

// swapIn puts the finished folder tmp at dir and removes the old contents.
func swapIn(tmp, dir, parent, base string) error {
	_, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("write: move output into place: %w", err)
		}
		return syncDir(parent)
	case err != nil:
		return err
	}
	err = exchange(tmp, dir)
	if err == nil {
		// tmp now holds the previous output
		_ = syncDir(parent)
		_ = osfs.RemoveAll(tmp)
		return nil
	}
	if !errors.Is(err, errNoExchange) {
		return fmt.Errorf("write: swap output into place: %w", err)
	}
	// Fallback: move the old folder aside under a name cleanStale recognises,
	// then move the new one in; on failure move the old one back.
	aside, err := os.MkdirTemp(parent, tmpPrefix(base)+strconv.Itoa(os.Getpid())+"-old-*")
	if err != nil {
		return err
	}
	if err := os.Remove(aside); err != nil {
		return err
	}
	if err := os.Rename(dir, aside); err != nil {
		if osfs.InUse(err) {
			// Windows: a workbook of the previous output is open in Excel
			return fmt.Errorf("输出文件夹 %s 中有文件正被其他程序（如 Excel）打开，无法替换；请关闭后重新运行（之前的结果没有改动）: %w", dir, err)
		}
		return fmt.Errorf("write: move previous output aside: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(aside, dir); rerr != nil {
			return fmt.Errorf("write: move output into place: %w (and the previous output could not be put back from %s: %v)", err, aside, rerr)
		}
		return fmt.Errorf("write: move output into place: %w", err)
	}
	_ = syncDir(parent)
	_ = osfs.RemoveAll(aside)
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil && isSyncUnsupported(err) {
		return nil
	}
	return err
}

// createFile creates a new 0600 file (never following or replacing anything).
func createFile(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}

// closeFile fsyncs and closes f, reporting the first error.
func closeFile(f *os.File) error {
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func writeFileSync(p string, data []byte) error {
	f, err := createFile(p)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return closeFile(f)
}

// Windows-reserved device names; a township called so must not become one.
var reserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// safeFileName turns a township name into a file name stem that stays inside
// its folder on Linux, macOS and Windows: path separators, characters Windows
// forbids and control characters become "_", leading dots (hidden files, "..")
// and trailing dots and spaces are replaced, reserved device names get a "_"
// prefix, and the result is at most 80 characters.
func safeFileName(name string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(name) {
		switch {
		case r < 0x20 || r == 0x7f || strings.ContainsRune(`<>:"/\|?*`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80])
	}
	if strings.HasPrefix(s, ".") {
		s = "_" + s[1:]
	}
	s = strings.TrimRight(s, ". ")
	if s == "" {
		s = "_"
	}
	stem := strings.ToUpper(s)
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	if reserved[stem] {
		s = "_" + s
	}
	return s
}

// uniqueNames maps each distinct name to a distinct safe file stem (two
// townships whose names sanitise alike, or differ only in case, get "(2)").
// The empty name is left out: Rows(ctx, "") means every row of the county, so
// it can never be a township's file.
func uniqueNames(names []string) (order []string, stems map[string]string) {
	stems = map[string]string{}
	used := map[string]bool{}
	for _, n := range names {
		if _, ok := stems[n]; ok || n == "" {
			continue
		}
		s := safeFileName(n)
		c := s
		for k := 2; used[strings.ToLower(c)]; k++ {
			c = fmt.Sprintf("%s(%d)", s, k)
		}
		used[strings.ToLower(c)] = true
		stems[n] = c
		order = append(order, n)
	}
	return order, stems
}
