package explain

import "github.com/paicha/paicha/rules"

// clause is the basis of a rule (its SPEC section and work-plan clause, in
// Chinese), from the rule file's header: a code, or a stage's setup file by
// its code (INCOME, CANDIDATES, ELIMINATION).
func clause(code string) string {
	r, ok := rules.Lookup(code)
	if !ok {
		return ""
	}
	return r.Basis
}
