package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// PAICHA_CPUPROFILE=cpu.prof writes a CPU profile of the whole command, for
// `go tool pprof` (README, Performance). A developers' aid, so an
// environment variable rather than a flag in the users' help.
func init() {
	path := os.Getenv("PAICHA_CPUPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "paicha: PAICHA_CPUPROFILE:", err)
		return
	}
	stopProfile = func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
