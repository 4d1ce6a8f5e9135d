package load

import "github.com/paicha/paicha/pipeline/normalize"

// The columns of each table, in schema.sql order, told once per record kind
// (columns) to a columnWriter: the default loader writes them as CSV text
// (session.go), the Arrow loader into typed Arrow builders
// (session_arrow.go). Money is fen, the unscaled value of DECIMAL(18,2)
// (TestSessionRoundTrip keeps this true).

// columnWriter receives one row's columns in order.
type columnWriter interface {
	source(src Source, row int) // file_ord, sheet_ord, src_row
	text(string)
	boolean(bool)
	integer(int)
	fen(normalize.Fen)
	date(normalize.Date)
	null()
}

// record is a row of one table.
type record interface{ columns(columnWriter, Source) }

func (r *Card) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.ID)
	w.boolean(r.IDValid)
	w.text(r.Name)
	w.text(r.NameKey)
	w.integer(int(r.label))
	w.text(r.Serial)
	putSerialFP(w, r.Serial, r.serialFP)
	w.fen(r.Amount)
	w.date(r.Date)
}

func (r *CardSkipped) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.ID)
	w.text(r.Name)
	w.text(r.Item)
	w.text(r.Status)
	r.Amount.put(w)
	r.Date.put(w)
	w.text(r.Reason)
}

func (r *Medical) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.ID)
	w.boolean(r.IDValid)
	w.text(r.Name)
	w.text(r.NameKey)
	w.text(r.Hospital)
	w.text(r.Serial)
	putSerialFP(w, r.Serial, r.serialFP)
	w.fen(r.Selfpay)
	w.date(r.Date)
}

func (r *Household) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.Key)
	w.text(r.No)
	w.text(r.Township)
	w.text(r.Village)
	w.text(r.Type)
	w.text(r.MonitorType)
	r.MonitorSince.put(w)
	r.Eliminated.put(w)
	r.Fallback.put(w)
	r.SizeDeclared.put(w)
	for _, f := range [...]normalize.Fen{r.Wage, r.Business, r.BusinessCost, r.Property, r.Transfer, r.Claims, r.Selfpay} {
		w.fen(f)
	}
	r.PCDeclared.put(w)
	r.PCLastYear.put(w)
	r.Edu.put(w)
	r.Med.put(w)
	r.House.put(w)
	r.Water.put(w)
	optText(w, r.Risks)
	for _, m := range r.Measures {
		optText(w, m)
	}
	r.DevStatus.put(w)
	optText(w, r.ElimWay)
	r.ElimDate.put(w)
	r.AfterHouse.put(w)
	r.AfterWater.put(w)
	r.AfterEdu.put(w)
	r.AfterMed.put(w)
	r.AfterPC.put(w)
	optText(w, r.Contact)
	optText(w, r.GSource)
	w.boolean(r.IncomeMissing)
}

func (r *Person) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.HHKey)
	w.text(r.ID)
	w.boolean(r.IDValid)
	w.text(r.Name)
	w.text(r.NameKey)
	w.text(r.Relation)
	w.text(r.Labor)
	w.text(r.Health)
	w.integer(r.Disability)
	w.text(r.Status)
	r.StatusDate.put(w)
	r.BirthDate.put(w)
	for _, t := range [...]string{r.Sex, r.School, r.EduLevel, r.NoSchool} {
		optText(w, t)
	}
	for _, b := range [...]OptBool{r.InsResident, r.InsEmployee, r.Pension, r.Dibao, r.Tekun} {
		b.put(w)
	}
	optText(w, r.WelfareJob)
	r.DisabilityCategory.put(w)
}

func (r *SheetField) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.Field)
}

func (r *SurveyIssue) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	for _, t := range [...]string{r.HHKey, r.ID, r.Code, r.Field, r.Value, r.Other} {
		w.text(t)
	}
}

// optText writes a text that is NULL when blank.
func optText(w columnWriter, s string) {
	if s == "" {
		w.null()
	} else {
		w.text(s)
	}
}

func (r *Reject) columns(w columnWriter, src Source) {
	w.source(src, r.Row)
	w.text(r.Kind)
	w.text(r.Reason)
	w.text(r.Raw)
}

// putSerialFP writes serial_hash: the serial's fingerprint, NULL for no serial.
func putSerialFP(w columnWriter, serial string, fp uint32) {
	if serial == "" {
		w.null()
	} else {
		w.integer(int(int32(fp)))
	}
}

func (d OptDate) put(w columnWriter) {
	if d.Valid {
		w.date(d.Date)
	} else {
		w.null()
	}
}

func (f OptFen) put(w columnWriter) {
	if f.Valid {
		w.fen(f.Fen)
	} else {
		w.null()
	}
}

func (b OptBool) put(w columnWriter) {
	if b.Valid {
		w.boolean(b.Value)
	} else {
		w.null()
	}
}

func (i OptInt) put(w columnWriter) {
	if i.Valid {
		w.integer(i.Value)
	} else {
		w.null()
	}
}
