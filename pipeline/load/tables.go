package load

// The record kinds a session takes, whichever way (Appender or Arrow) the
// build loads them; append is the build's own.

func (s *Session) Card(src Source, r *Card) error       { return s.append("card", r.values(src)) }
func (s *Session) Medical(src Source, r *Medical) error { return s.append("medical", r.values(src)) }

// CardSkipped keeps a failed payment row for `paicha explain`.
func (s *Session) CardSkipped(src Source, r *CardSkipped) error {
	return s.append("card_skipped", r.values(src))
}
func (s *Session) Household(src Source, r *Household) error {
	return s.append("household", r.values(src))
}
func (s *Session) Person(src Source, r *Person) error { return s.append("person", r.values(src)) }
func (s *Session) Reject(src Source, r *Reject) error { return s.append("reject", r.values(src)) }
