//go:build !unix

package pipeline

import "time"

// processCPU is not measured here: stage timings then show no CPU use.
func processCPU() time.Duration { return 0 }
