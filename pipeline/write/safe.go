package write

// Formula safety (SPEC §8): no output cell may run as a formula.
//
// A spreadsheet program opening a CSV file runs a cell that begins with =,
// +, - or @ as a formula (and some strip a leading TAB or CR first), so
// input text such as a 姓名 of `=HYPERLINK("http://…"&A1,"点我")` would run
// when the township opens the file. Every text cell of every CSV list goes
// through csvSafe, whatever the list, so a list added later is safe without
// code of its own. Workbooks need no escape: the writer puts every string in
// an inline-string cell, which no program evaluates (and never sets a
// formula).

// csvSafe returns v as it may be written to a CSV cell: unchanged unless it
// could run as a formula, else with a leading '. A number (a refund of
// "-12.50", "+3") is a number to a spreadsheet, not a formula, and is left
// alone, so money and counts stay numbers.
func csvSafe(v string) string {
	if !formulaLead(v) {
		return v
	}
	return "'" + v
}

// formulaLead is the cheap test run on every cell: only a cell whose first
// byte is one of the six goes further.
func formulaLead(v string) bool {
	if v == "" {
		return false
	}
	switch v[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		_, number := parseDecimal(v)
		return !number
	}
	return false
}
