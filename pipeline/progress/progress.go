// Package progress shows what a long run is doing: progress bars on a
// terminal (github.com/schollz/progressbar), plain log lines otherwise, and
// nothing when quiet. It consumes the pipeline's Config.Progress calls.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Reporter renders the stages of one run onto w.
type Reporter struct {
	mu      sync.Mutex
	w       io.Writer
	bars    bool // terminal: progress bars
	verbose bool // plain: a line per file too

	stage string
	start time.Time
	done  int
	total int
	rows  int
	bar   *progressbar.ProgressBar
}

// New returns a reporter writing to w: bars when w is a terminal, plain
// lines otherwise. quiet gives nil (no output at all).
func New(w io.Writer, quiet, verbose bool) *Reporter {
	if quiet {
		return nil
	}
	return &Reporter{w: w, bars: IsTerminal(w), verbose: verbose}
}

// Func is the pipeline.Config.Progress callback (nil for a nil reporter).
func (r *Reporter) Func() func(stage string, done, total int) {
	if r == nil {
		return nil
	}
	return r.report
}

var labels = map[string]string{
	"discover": "查找输入文件 (discover)",
	"read":     "读取文件 (read)",
	"finish":   "去除重复记录 (dedupe)",
	"rules":    "运行规则 (rules)",
	"write":    "写出结果 (write)",
}

func (r *Reporter) report(stage string, done, total int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if stage == "rows" {
		r.rows = done
		if r.bar != nil && r.stage == "read" {
			r.bar.Describe(r.readLabel())
		}
		return
	}
	if stage != r.stage {
		r.end()
		r.stage, r.start, r.done, r.total = stage, time.Now(), 0, total
		if r.bars && total > 1 && (stage == "read" || stage == "rules") {
			r.bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(r.w),
				progressbar.OptionSetDescription(r.label()),
				progressbar.OptionShowCount(),
				progressbar.OptionSetWidth(30),
				progressbar.OptionSetPredictTime(false),
				progressbar.OptionSetElapsedTime(true),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionSetRenderBlankState(true),
			)
		}
	}
	r.done, r.total = done, total
	if r.bar != nil {
		_ = r.bar.Set(done)
	} else if !r.bars && r.verbose && stage == "read" {
		fmt.Fprintf(r.w, "paicha: %s %d/%d\n", r.label(), done, total)
	}
}

func (r *Reporter) label() string {
	if r.stage == "read" {
		return r.readLabel()
	}
	return labels[r.stage]
}

func (r *Reporter) readLabel() string {
	return fmt.Sprintf("%s，已载入 %d 条记录", labels["read"], r.rows)
}

// end closes the current stage with its line.
func (r *Reporter) end() {
	if r.stage == "" {
		return
	}
	took := time.Since(r.start).Seconds()
	if r.bar != nil {
		r.bar.Describe(r.label())
		_ = r.bar.Finish()
		fmt.Fprintln(r.w)
		r.bar = nil
		return
	}
	switch r.stage {
	case "discover":
		fmt.Fprintf(r.w, "paicha: %s：%d 个文件\n", labels["discover"], r.total)
	case "read":
		fmt.Fprintf(r.w, "paicha: %s：%d/%d 个文件，载入 %d 条记录，用时 %.1fs\n", labels["read"], r.done, r.total, r.rows, took)
	case "rules":
		fmt.Fprintf(r.w, "paicha: %s：%d/%d，用时 %.1fs\n", labels["rules"], r.done, r.total, took)
	default:
		fmt.Fprintf(r.w, "paicha: %s，用时 %.1fs\n", r.label(), took)
	}
}

// Close ends the last stage. A nil reporter does nothing.
func (r *Reporter) Close() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	r.stage = ""
}
