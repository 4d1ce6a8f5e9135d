//go:build unix

package nightly

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// lockFile opens the lock file and takes an exclusive flock on it. The
// kernel drops a flock when its process dies, so a lock left by a dead
// process is free again: only its content (the dead holder) remains.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("nightly: 锁文件 %s: %w", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, lockedBy(f, path)
		}
		return nil, fmt.Errorf("nightly: 锁文件 %s: %w", path, err)
	}
	return f, nil
}

func unlockFile(f *os.File, path string) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_UN)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
