package nightly

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// LockFile is the lock in the root: two runs on one root never overlap.
const LockFile = "nightly.lock"

// Holder is what the lock file says about the run holding it.
type Holder struct {
	PID     int       `json:"pid"`
	Run     string    `json:"run"`
	Started time.Time `json:"started"`
}

// LockedError is returned when another run holds the lock.
type LockedError struct {
	Path   string
	Holder Holder // zero when the file could not be read
}

func (e *LockedError) Error() string {
	if e.Holder.PID == 0 {
		return fmt.Sprintf("另一次 nightly 运行正在进行（锁文件 %s），本次不运行", e.Path)
	}
	return fmt.Sprintf("另一次 nightly 运行正在进行（进程 %d，%s 开始，运行 %s；锁文件 %s），本次不运行",
		e.Holder.PID, e.Holder.Started.Format("2006-01-02 15:04:05"), e.Holder.Run, e.Path)
}

// Lock is a held lock.
type Lock struct {
	f    *os.File
	path string
}

// Acquire takes the root's lock for holder h. When the previous holder died
// without releasing it (killed, machine crash), the lock is taken over and
// that holder is returned as stale.
func Acquire(root string, h Holder) (l *Lock, stale *Holder, err error) {
	path := filepath.Join(root, LockFile)
	f, err := lockFile(path)
	if err != nil {
		return nil, nil, err
	}
	// Taken: what is left in the file is a run that never released it.
	if b, _ := readAll(f); len(b) > 0 {
		var old Holder
		if json.Unmarshal(b, &old) == nil && old.PID != 0 {
			stale = &old
		} else {
			stale = &Holder{}
		}
	}
	b, _ := json.Marshal(h)
	if err := rewrite(f, append(b, '\n')); err != nil {
		unlockFile(f, path)
		return nil, nil, fmt.Errorf("nightly: 写锁文件 %s: %w", path, err)
	}
	return &Lock{f: f, path: path}, stale, nil
}

// Release empties the lock file (an empty file is a released lock) and
// releases it.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := rewrite(l.f, nil)
	if uerr := unlockFile(l.f, l.path); err == nil {
		err = uerr
	}
	l.f = nil
	return err
}

// lockedBy is the error for a lock another run holds, naming that run from
// what it wrote in the lock file f.
func lockedBy(f *os.File, path string) error {
	le := &LockedError{Path: path}
	if b, _ := readAll(f); len(b) > 0 {
		_ = json.Unmarshal(b, &le.Holder)
	}
	return le
}

func readAll(f *os.File) ([]byte, error) {
	if _, err := f.Seek(0, 0); err != nil {
		return nil, err
	}
	var buf [4096]byte
	n, err := f.Read(buf[:])
	if n > 0 {
		return buf[:n], nil
	}
	return nil, err
}

func rewrite(f *os.File, b []byte) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt(b, 0); err != nil {
		return err
	}
	return f.Sync()
}
