package pipeline

import (
	"context"
	"fmt"

	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/ingest"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/rules"
)

// listFiles finds the files of the [[lists]] blocks (SPEC §3.5), each with
// its block's kind ("list:<code>"). A path that does not exist is a usage
// error, as for the other inputs.
func listFiles(lists []rules.List) ([]discover.File, []*ingest.ListInput, error) {
	var files []discover.File
	var inputs []*ingest.ListInput
	for _, l := range lists {
		var specs []discover.Spec
		for _, p := range l.Paths {
			specs = append(specs, discover.Spec{Path: p, Kind: string(ingest.ListKind(l.Code)), Base: l.Base})
		}
		found, err := discover.Find(specs)
		if err != nil {
			return nil, nil, err
		}
		in := &ingest.ListInput{Code: l.Code, Where: l.WhereColumns, Date: l.Date}
		for _, f := range found {
			files = append(files, f)
			inputs = append(inputs, in)
		}
	}
	return files, inputs, nil
}

// readLists reads the [[lists]] files after every other input (the survey's
// IDs decide which rows are kept), numbering them on from first.
func readLists(ctx context.Context, db *load.DB, files []discover.File, inputs []*ingest.ListInput, first int, cfg Config) ([]*ingest.Result, error) {
	if len(files) == 0 {
		return nil, nil
	}
	ids, err := db.SurveyedIDs(ctx)
	if err != nil {
		return nil, err
	}
	surveyed := func(id string) bool { _, ok := ids[id]; return ok }
	sess, err := db.NewSession(ctx)
	if err != nil {
		return nil, err
	}
	var results []*ingest.Result
	for i, f := range files {
		in := *inputs[i]
		in.Surveyed = surveyed
		r, err := readFile(ctx, sess, ingest.Input{Path: f.Path, Open: f.Open, Kind: ingest.Kind(f.Kind), Ord: first + i,
			MaxFileSize: limit(cfg.MaxFileSize, DefaultMaxFileSize), MaxCells: limit(cfg.MaxCells, DefaultMaxCells),
			Settings: cfg.Settings, List: &in})
		if err != nil {
			sess.Close()
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		results = append(results, r)
	}
	return results, sess.Close()
}

// foldedLists is p with the [[lists]] blocks' in and not_in values
// normalised as the where cells are (full-width folded, SPEC §3.5: the cell
// normalised as in §3 contains the value), on copies: the caller's params
// stay as given.
func foldedLists(p rules.Params) rules.Params {
	lists := make([]rules.List, len(p.Lists))
	for i, l := range p.Lists {
		fold := func(vs []string) []string {
			out := make([]string, len(vs))
			for j, v := range vs {
				out[j] = normalize.Fold(v)
			}
			return out
		}
		l.In, l.NotIn = fold(l.In), fold(l.NotIn)
		lists[i] = l
	}
	p.Lists = lists
	return p
}
