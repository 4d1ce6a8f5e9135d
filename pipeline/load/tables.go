package load

// The record kinds a session takes, whichever way (CSV chunks or Arrow) the
// build loads them; append is the build's own. A record's columns
// (rows.go) are taken by append, which may do so on the session's own
// goroutine.

func (s *Session) Card(src Source, r *Card) error { return s.card(src, r) }
func (s *Session) Medical(src Source, r *Medical) error {
	r.serialFP = s.fingerprint(&s.medicalSerials, r.Serial)
	return s.append("medical", src, r)
}

// CardSkipped keeps a failed payment row for `paicha explain`.
func (s *Session) CardSkipped(src Source, r *CardSkipped) error {
	return s.append("card_skipped", src, r)
}
func (s *Session) Household(src Source, r *Household) error {
	return s.append("household", src, r)
}
func (s *Session) Person(src Source, r *Person) error { return s.append("person", src, r) }
func (s *Session) SheetField(src Source, r *SheetField) error {
	return s.append("sheet_field", src, r)
}
func (s *Session) SurveyIssue(src Source, r *SurveyIssue) error {
	return s.append("survey_issue", src, r)
}
func (s *Session) Reject(src Source, r *Reject) error { return s.append("reject", src, r) }
