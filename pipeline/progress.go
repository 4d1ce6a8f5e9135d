package pipeline

import (
	"sync/atomic"

	"github.com/paicha/paicha/pipeline/ingest"
	"github.com/paicha/paicha/pipeline/load"
)

// Progress stages, as told to Config.Progress: "discover" (files found),
// "read" (files read of all), "rows" (rows loaded so far, rejects included; total -1), "finish"
// (repeated serials, 0/1 then 1/1), "rules" (rule files run of all), "write".
const rowsEvery = 1 << 13

func (cfg *Config) report(stage string, done, total int) {
	if cfg.Progress != nil {
		cfg.Progress(stage, done, total)
	}
}

// countRows wraps a loading session so that rows read are reported as
// "rows" every few thousand rows, across all workers.
func (cfg *Config) countRows(sess *load.Session, n *atomic.Int64) ingest.Sink {
	if cfg.Progress == nil {
		return sess
	}
	return &countingSink{Session: sess, n: n, report: cfg.Progress}
}

type countingSink struct {
	*load.Session
	n      *atomic.Int64
	report func(string, int, int)
}

func (c *countingSink) Card(src load.Source, r *load.Card) error {
	return counted(c, c.Session.Card, src, r)
}
func (c *countingSink) Medical(src load.Source, r *load.Medical) error {
	return counted(c, c.Session.Medical, src, r)
}
func (c *countingSink) Household(src load.Source, r *load.Household) error {
	return counted(c, c.Session.Household, src, r)
}
func (c *countingSink) Person(src load.Source, r *load.Person) error {
	return counted(c, c.Session.Person, src, r)
}
func (c *countingSink) Reject(src load.Source, r *load.Reject) error {
	return counted(c, c.Session.Reject, src, r)
}

// counted counts one row, reporting every rowsEvery rows, and hands it on.
func counted[R any](c *countingSink, put func(load.Source, R) error, src load.Source, r R) error {
	if n := c.n.Add(1); n%rowsEvery == 0 {
		c.report("rows", int(n), -1)
	}
	return put(src, r)
}
