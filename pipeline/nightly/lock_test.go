package nightly_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/paicha/paicha/pipeline/nightly"
	"github.com/paicha/paicha/pipeline/osfs"
)

// The lock alone, with the operating system's file lock (flock on Unix,
// LockFileEx on Windows, where `make test-platforms` runs it under Wine):
// a second holder is refused and told who holds it; once released, taken.
func TestLockHeld(t *testing.T) {
	root, err := os.MkdirTemp("", "nightly-lock-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = osfs.RemoveAll(root) })
	first := nightly.Holder{PID: 4242, Run: "2023-05-20T013000", Started: time.Date(2023, 5, 20, 1, 30, 0, 0, time.UTC)}
	held, stale, err := nightly.Acquire(root, first)
	if err != nil || stale != nil {
		t.Fatalf("first Acquire: %v (stale %+v)", err, stale)
	}
	_, _, err = nightly.Acquire(root, nightly.Holder{PID: 4343, Run: "2023-05-20T013001"})
	var le *nightly.LockedError
	if !errors.As(err, &le) || le.Holder.PID != first.PID || le.Holder.Run != first.Run {
		t.Fatalf("second Acquire while held: %v, want a LockedError naming run %s", err, first.Run)
	}
	if err := held.Release(); err != nil {
		t.Fatal(err)
	}
	again, stale, err := nightly.Acquire(root, nightly.Holder{PID: 4343, Run: "2023-05-20T013001"})
	if err != nil || stale != nil {
		t.Fatalf("Acquire after Release: %v (stale %+v)", err, stale)
	}
	if err := again.Release(); err != nil {
		t.Fatal(err)
	}
}
