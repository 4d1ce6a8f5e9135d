//go:build unix

package write

import (
	"errors"

	"golang.org/x/sys/unix"
)

// pidAlive reports whether a process with this id exists (EPERM: it exists
// but belongs to someone else).
func pidAlive(pid int) bool {
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}

func isSyncUnsupported(err error) bool {
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP)
}
