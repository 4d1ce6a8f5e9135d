//go:build !unix

package write

import "os"

// pidAlive is conservative where processes cannot be probed cheaply: a
// folder is only treated as stale when the process cannot be found.
func pidAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}

// Windows cannot fsync a folder.
func isSyncUnsupported(err error) bool { return true }
