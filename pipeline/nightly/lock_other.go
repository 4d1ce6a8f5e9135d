//go:build !unix && !windows

package nightly

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// lockFile creates the lock file exclusively. Where flock is missing a dead
// holder cannot be told from a live one: an existing non-empty lock file
// stops the run, and the message says which file to remove.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		le := &LockedError{Path: path}
		if b, rerr := os.ReadFile(path); rerr == nil {
			if len(b) == 0 {
				// a released lock whose file was left behind
				if os.Remove(path) == nil {
					return lockFile(path)
				}
			}
			_ = json.Unmarshal(b, &le.Holder)
		}
		return nil, le
	}
	if err != nil {
		return nil, fmt.Errorf("nightly: 锁文件 %s: %w", path, err)
	}
	return f, nil
}

func unlockFile(f *os.File, path string) error {
	err := f.Close()
	if rerr := os.Remove(path); err == nil {
		err = rerr
	}
	return err
}
