package pipeline_test

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// `make bench-region` runs TestRegionBench: a 盟市's or the region's
// households compared in one run (issue #30), next to a large county in
// the same run, with the default memory limit. It reports each run's
// stages, peak RSS and the most its --temp-dir held (DuckDB's spill and the
// run database), and checks that nothing was left there nor written to the
// system's temporary folder.
var (
	regionHouseholds = flag.Int("region.households", 0, "run the region benchmark with this many households (0 = skip)")
	regionBaseline   = flag.Int("region.baseline", 1300000, "the county it is compared with, per household")
)

func TestRegionBench(t *testing.T) {
	if *regionHouseholds == 0 || *benchBin == "" {
		t.Skip("run through `make bench-region`")
	}
	region := benchCounty(t, *regionHouseholds)
	county := benchCounty(t, *regionBaseline)
	start := hostNow()
	up := uptime()
	// The county first, then the region: each meets the machine in its own
	// mood, so the run says how much the host took meanwhile.
	runs := []spillRun{
		{households: *regionBaseline, measured: runWithSpill(t, county)},
	}
	runs[0].steal = start.stealTo(hostNow())
	mid := hostNow()
	runs = append(runs, spillRun{households: *regionHouseholds, measured: runWithSpill(t, region)})
	runs[1].steal = mid.stealTo(hostNow())

	fmt.Printf("\nregion benchmark (default memory limit); load average before: %s, after: %s\n", up, uptime())
	for _, r := range runs {
		fmt.Printf("%d households:\n", r.households)
		for _, st := range r.stages {
			fmt.Printf("  stage %-30s %10.2f s   CPU %.0f%%\n", st.name, st.d.Seconds(), st.cpuShare()*100)
		}
		fmt.Printf("  %-36s %10.2f s   CPU %.0f%%   %.2f ms per household\n", "compare (wall)", r.wall.Seconds(), r.cpu*100, r.perHousehold())
		fmt.Printf("  peak RSS %.0f MiB; --temp-dir held at most %s (DuckDB spill %s), %s after the run; system temp folder: %s\n",
			r.rssMiB, mib(r.tempPeak), mib(r.spillPeak), mib(r.tempLeft), r.stray)
		fmt.Printf("  the host took %s of the CPU time during it\n", r.steal)
	}
	ratio := runs[1].perHousehold() / runs[0].perHousehold()
	peak := max(runs[0].rssMiB, runs[1].rssMiB)
	fmt.Printf("\ntargets: time per household %.2f× the county's (target ≤ 1.15×: %s); peak RSS %.0f MiB (target ≤ 4096: %s); temp-dir emptied: %s\n",
		ratio, met(ratio <= 1.15), peak, met(peak <= 4096), met(runs[0].tempLeft == 0 && runs[1].tempLeft == 0 && runs[0].stray == "empty" && runs[1].stray == "empty"))
	fmt.Printf("the host took %s of the CPU time during the benchmark (steal, /proc/stat)\n", start.stealTo(hostNow()))
	for _, r := range runs {
		if r.tempLeft != 0 || r.stray != "empty" {
			t.Errorf("%d households: %s left in --temp-dir, system temp folder %s", r.households, mib(r.tempLeft), r.stray)
		}
	}
}

type spillRun struct {
	households int
	measured
	steal string
}

func (r spillRun) perHousehold() float64 {
	return r.wall.Seconds() * 1000 / float64(r.households)
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "missed"
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

// uptime is the load average, as /proc/loadavg says it.
func uptime() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// runWithSpill runs compare on a generated county with its own --temp-dir,
// watched while it runs, and a system temporary folder of its own that
// must stay empty.
func runWithSpill(t *testing.T, dir string) measured {
	t.Helper()
	temp, sysTemp := t.TempDir(), t.TempDir()
	cmd := exec.Command(*benchBin, compareArgs([]string{"--survey", filepath.Join(dir, "survey"), "--card", filepath.Join(dir, "card"),
		"--medical", filepath.Join(dir, "medical"), "--out", filepath.Join(t.TempDir(), "out"), "--temp-dir", temp})...)
	cmd.Env = append(os.Environ(), "TMPDIR="+sysTemp)
	var (
		wg   sync.WaitGroup
		stop = make(chan struct{})
		peak int64
		duck int64
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			all, spill := dirSize(temp)
			peak, duck = max(peak, all), max(duck, spill)
			select {
			case <-stop:
				return
			case <-time.After(250 * time.Millisecond):
			}
		}
	}()
	m := runMeasured(t, cmd)
	close(stop)
	wg.Wait()
	m.tempPeak, m.spillPeak = peak, duck
	m.tempLeft, _ = dirSize(temp)
	m.stray = "empty"
	if ents, _ := os.ReadDir(sysTemp); len(ents) > 0 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		m.stray = "holds " + strings.Join(names, ", ")
	}
	return m
}

// dirSize is the bytes under dir, and the part in DuckDB's temporary files.
func dirSize(dir string) (all, duck int64) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			all += info.Size()
			if strings.HasPrefix(d.Name(), "duckdb_temp") {
				duck += info.Size()
			}
		}
		return nil
	})
	return all, duck
}
