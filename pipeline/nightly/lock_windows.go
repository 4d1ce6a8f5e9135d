//go:build windows

package nightly

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is where the lock's byte range starts: far past the holder's
// JSON, because Windows locks are mandatory and a run that finds the lock
// taken must still read who holds it.
const lockOffset = 1 << 40

// lockFile opens the lock file and takes an exclusive LockFileEx lock on
// it. Windows drops the lock when its process dies, so, as with flock on
// Unix, a lock left by a dead process is free again.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("nightly: 锁文件 %s: %w", path, err)
	}
	ol := &windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		defer f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
			return nil, lockedBy(f, path)
		}
		return nil, fmt.Errorf("nightly: 锁文件 %s: %w", path, err)
	}
	return f, nil
}

func unlockFile(f *os.File, _ string) error {
	ol := &windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
	err := windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
