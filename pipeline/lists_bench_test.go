package pipeline_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"testing"
)

var benchLists = flag.Bool("county.lists", false, "also run the county with and without the department lists (police, aid, disability, school and [[lists]]), alternating, and report the ratio (issue #26: within 15%)")

// listsBench runs the county generated with its department lists (paicha
// gen --lists: about 5% of persons on aid, 3% disabled, 1% police changes)
// without them and with them, alternating for county.rounds rounds, so that
// both meet the machine in the same mood; the ratio is the median of the
// rounds'. Both runs read the same survey, card and medical files.
func listsBench(t *testing.T, households int) {
	// the same seed: the same survey, card and medical files as without lists
	dir := benchCounty(t, households, "--lists")
	var ratios []float64
	for i := range max(*benchRounds, 1) {
		without := runWhole(t, dir)
		with := runBinary(t, "--survey", filepath.Join(dir, "survey"), "--card", filepath.Join(dir, "card"),
			"--medical", filepath.Join(dir, "medical"), "--police", filepath.Join(dir, "police"),
			"--aid", filepath.Join(dir, "aid"), "--disability", filepath.Join(dir, "disability"),
			"--school", filepath.Join(dir, "school"), "--config", filepath.Join(dir, "lists.toml"),
			"--out", filepath.Join(t.TempDir(), "out"))
		ratios = append(ratios, with.wall.Seconds()/without.wall.Seconds())
		fmt.Printf("department lists, round %d of %d: without %.2f s (RSS %.0f MiB), with %.2f s (RSS %.0f MiB): %.3f×\n",
			i+1, max(*benchRounds, 1), without.wall.Seconds(), without.rssMiB, with.wall.Seconds(), with.rssMiB, ratios[i])
		for _, st := range with.stages {
			fmt.Printf("  with lists, stage %-30s %12.2f\n", st.name, st.d.Seconds())
		}
	}
	fmt.Printf("ratio: the county with its department lists in %.3f× the time without, median of %d rounds (target ≤ 1.15×)\n",
		median(ratios), len(ratios))
}
