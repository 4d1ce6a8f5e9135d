package write

import (
	"encoding/json"
	"sort"

	"github.com/paicha/paicha/pipeline/ingest"
	"github.com/paicha/paicha/rules"
)

// Summary is what a run's summary.json reports (SPEC §6, §6.1).
type Summary struct {
	Sheets     []ingest.Sheet
	Notices    []ingest.Notice
	Counts     *rules.Counts
	Parameters map[string]any
	Changes    *SummaryChange // nil: the run did not compare with a previous one
}

// SummaryChange is the changes part of summary.json (`paicha nightly`).
type SummaryChange struct {
	Previous string         `json:"previous"` // "" = no previous run
	Counts   map[string]int `json:"counts"`
	Note     string         `json:"note,omitempty"`
}

// summaryFile is the shape of summary.json.
type summaryFile struct {
	Files       []summarySheet `json:"files"`
	Rules       map[string]int `json:"rules"`
	Checks      map[string]int `json:"checks"`
	NotRun      []string       `json:"checks_not_run"`
	Candidates  map[string]int `json:"candidates"`
	Elimination map[string]int `json:"elimination"`
	Households  int            `json:"households"`
	Parameters  map[string]any `json:"parameters"`
	Notices     []string       `json:"notices"`
	// UnknownValues are the survey values outside their field's list, kept
	// as blank (SPEC §3).
	UnknownValues []summaryUnknown `json:"unknown_values"`
	Changes       *SummaryChange   `json:"changes,omitempty"`
}

type summaryUnknown struct {
	File  string `json:"file"`
	Sheet string `json:"sheet"`
	ingest.UnknownValue
}

type summarySheet struct {
	ingest.Sheet
	Error string `json:"error,omitempty"`
}

// JSON is summary.json's text.
func (sm Summary) JSON() ([]byte, error) {
	s := summaryFile{
		Files:       []summarySheet{},
		Rules:       sm.Counts.Discrepancies,
		Checks:      sm.Counts.Checks,
		NotRun:      sm.Counts.NotRun,
		Candidates:  sm.Counts.Candidates,
		Elimination: sm.Counts.Elimination,
		Households:  sm.Counts.Households,
		Parameters:  sm.Parameters,
		Notices:     []string{},
		Changes:     sm.Changes,
	}
	s.UnknownValues = []summaryUnknown{}
	for _, sh := range sm.Sheets {
		s.Files = append(s.Files, summarySheet{Sheet: sh})
		for _, u := range sh.Unknown {
			s.UnknownValues = append(s.UnknownValues, summaryUnknown{File: sh.File, Sheet: sh.Sheet, UnknownValue: u})
		}
	}
	sort.SliceStable(s.UnknownValues, func(i, j int) bool {
		a, b := s.UnknownValues[i], s.UnknownValues[j]
		return a.File < b.File || a.File == b.File && a.Sheet < b.Sheet
	})
	// A file that could not be read at all still gets its line.
	withSheets := map[string]bool{}
	for _, sh := range sm.Sheets {
		withSheets[sh.File] = true
	}
	for _, n := range sm.Notices {
		s.Notices = append(s.Notices, n.String())
		if n.Failed && !withSheets[n.File] {
			withSheets[n.File] = true
			s.Files = append(s.Files, summarySheet{Sheet: ingest.Sheet{File: n.File, Sheet: n.Sheet, Skipped: map[string]int{}}, Error: n.Message})
		}
	}
	sort.SliceStable(s.Files, func(i, j int) bool { return s.Files[i].File < s.Files[j].File })
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
