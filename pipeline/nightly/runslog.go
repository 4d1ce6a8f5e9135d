package nightly

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/rules"
)

// RunLine is one line of runs.jsonl: what a monitoring script needs to alert
// on a failed night.
type RunLine struct {
	Run      string         `json:"run"`
	Start    *time.Time     `json:"start,omitempty"`
	End      *time.Time     `json:"end,omitempty"`
	Seconds  float64        `json:"seconds"`
	Status   string         `json:"status"`
	Exit     int            `json:"exit"`
	Dir      string         `json:"dir,omitempty"`      // the published run folder
	Previous string         `json:"previous,omitempty"` // the run compared with
	Counts   *Counts        `json:"counts,omitempty"`
	Changes  map[string]int `json:"changes,omitempty"` // per 变化; absent on a first run and on failures
	Error    string         `json:"error,omitempty"`
}

// Counts are a run's totals.
type Counts struct {
	Files         int `json:"files"`
	Sheets        int `json:"sheets"`
	Rows          int `json:"rows"`
	Loaded        int `json:"loaded"`
	Rejected      int `json:"rejected"`
	FailedFiles   int `json:"failed_files"`
	Households    int `json:"households"`
	Candidates    int `json:"candidates"`
	Elimination   int `json:"elimination"`
	Eliminable    int `json:"eliminable"`
	Discrepancies int `json:"discrepancies"`
}

func (r *Result) line() RunLine {
	l := RunLine{Run: r.Run, Status: r.Status, Exit: r.Exit(), Dir: r.Dir}
	if !r.Start.IsZero() {
		s, e := r.Start, r.End
		l.Start, l.End = &s, &e
		l.Seconds = e.Sub(s).Seconds()
	}
	if r.Previous != "" {
		l.Previous = filepath.Base(r.Previous)
	}
	if r.Err != nil {
		l.Error = normalize.MaskIDs(r.Err.Error()) // SPEC §7: logs never print a full ID
	}
	if rep := r.Report; rep != nil {
		c := &Counts{Sheets: len(rep.Sheets), Rows: rep.Rows}
		files := map[string]bool{}
		for _, s := range rep.Sheets {
			files[s.File] = true
			c.Loaded += s.Loaded
			c.Rejected += s.Rejected
		}
		failed := map[string]bool{}
		for _, n := range rep.Notices {
			files[n.File] = true
			if n.Failed {
				failed[n.File] = true
			}
		}
		c.Files, c.FailedFiles = len(files), len(failed)
		if rc := rep.Counts; rc != nil {
			c.Households = rc.Households
			for _, n := range rc.Candidates {
				c.Candidates += n
			}
			for _, n := range rc.Elimination {
				c.Elimination += n
			}
			c.Eliminable = rc.Elimination[rules.Eliminate]
			for _, n := range rc.Discrepancies {
				c.Discrepancies += n
			}
		}
		l.Counts = c
		if r.Previous != "" {
			l.Changes = rep.Changes
		}
	}
	return l
}

// appendRunLine appends the run's line to <root>/runs.jsonl (one write, so
// lines of concurrent writers never interleave) and fsyncs it.
func appendRunLine(root string, r *Result) error {
	b, err := json.Marshal(r.line())
	if err != nil {
		return err
	}
	if err := os.MkdirAll(root, 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(root, RunsLog), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadRunLines reads runs.jsonl (lines that do not parse are skipped).
func ReadRunLines(root string) ([]RunLine, error) {
	b, err := os.ReadFile(filepath.Join(root, RunsLog))
	if err != nil {
		return nil, err
	}
	var out []RunLine
	for _, ln := range splitLines(b) {
		var l RunLine
		if json.Unmarshal(ln, &l) == nil {
			out = append(out, l)
		}
	}
	return out, nil
}

func splitLines(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != '\n' {
			i++
		}
		if i > 0 {
			out = append(out, b[:i])
		}
		if i < len(b) {
			i++
		}
		b = b[i:]
	}
	return out
}
