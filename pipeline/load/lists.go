package load

import (
	"context"
	"fmt"
)

// The department lists of SPEC §3.5 (schema.sql: police, aid, disability,
// school, list_row). "" is written as it is; the rules treat '' and NULL
// alike for the texts.

// Police is one row of the 公安 register: Change is 死亡 or 迁出.
type Police struct {
	Row                 int
	ID                  string
	IDValid             bool
	Name, Change        string
	Date                OptDate
	Reason, Destination string
	Township, Village   string
}

// Aid is one row of a 民政 roll: Category is 低保, 特困 or 临时救助.
type Aid struct {
	Row                   int
	ID                    string
	IDValid               bool
	Name                  string
	Category, CategoryRaw string
	WholeHousehold        bool
	Start, End            OptDate
	Amount                OptFen
	Township, Village     string
}

// Disability is one row of the 残联 list; Grade 0 = none given.
type Disability struct {
	Row               int
	ID                string
	IDValid           bool
	Name, Category    string
	Grade             int
	Issued            OptDate
	Township, Village string
}

// School is one row of an 教育 list.
type School struct {
	Row                   int
	ID                    string
	IDValid               bool
	Name                  string
	Dropout               bool
	Reason, Stage, School string
	Township, Village     string
}

// ListRow is one row of a [[lists]] file whose ID is in a survey household.
type ListRow struct {
	Row            int
	Code, ID, Name string
	Date           OptDate
	Where          string
	HasWhere       bool // the block has a where (else where_value is NULL)
}

func (r *Police) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.ID)
	w.boolean(r.IDValid)
	w.text(r.Name)
	w.text(r.Change)
	r.Date.put(w)
	w.text(r.Reason)
	w.text(r.Destination)
	w.text(r.Township)
	w.text(r.Village)
}

func (r *Aid) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.ID)
	w.boolean(r.IDValid)
	w.text(r.Name)
	w.text(r.Category)
	w.text(r.CategoryRaw)
	w.boolean(r.WholeHousehold)
	r.Start.put(w)
	r.End.put(w)
	r.Amount.put(w)
	w.text(r.Township)
	w.text(r.Village)
}

func (r *Disability) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.ID)
	w.boolean(r.IDValid)
	w.text(r.Name)
	w.text(r.Category)
	OptInt{Value: r.Grade, Valid: r.Grade > 0}.put(w)
	r.Issued.put(w)
	w.text(r.Township)
	w.text(r.Village)
}

func (r *School) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.ID)
	w.boolean(r.IDValid)
	w.text(r.Name)
	w.boolean(r.Dropout)
	w.text(r.Reason)
	w.text(r.Stage)
	w.text(r.School)
	w.text(r.Township)
	w.text(r.Village)
}

func (r *ListRow) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.Code)
	w.text(r.ID)
	w.text(r.Name)
	r.Date.put(w)
	if r.HasWhere {
		w.text(r.Where)
	} else {
		w.null()
	}
}

func (s *Session) Police(src Source, r *Police) error         { return s.append("police", src, r) }
func (s *Session) Aid(src Source, r *Aid) error               { return s.append("aid", src, r) }
func (s *Session) Disability(src Source, r *Disability) error { return s.append("disability", src, r) }
func (s *Session) School(src Source, r *School) error         { return s.append("school", src, r) }
func (s *Session) ListRow(src Source, r *ListRow) error       { return s.append("list_row", src, r) }

// SurveyedIDs are the IDs of the persons loaded so far, once the sessions
// that read the survey are closed (it first inserts the rows they left, as
// Finish would): a [[lists]] row is loaded only when its ID is among them
// (SPEC §9). A county's few hundred thousand IDs.
func (db *DB) SurveyedIDs(ctx context.Context) (map[string]struct{}, error) {
	if err := db.insertLeftovers(ctx); err != nil {
		return nil, err
	}
	rows, err := db.SQL.QueryContext(ctx, `SELECT DISTINCT id FROM person WHERE id IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("load: surveyed IDs: %w", err)
	}
	defer rows.Close()
	ids := map[string]struct{}{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("load: surveyed IDs: %w", err)
		}
		ids[id] = struct{}{}
	}
	return ids, rows.Err()
}
