package explain

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/paicha/paicha/rules"
)

// Clauses come from the rule files themselves (rules.SQL): each starts with
// the SPEC section and the work-plan clause it implements (README.md).

// discrepancyClause is the clause of discrepancy/<code>.sql: its first
// comment sentence after the " — ".
func discrepancyClause(code string) string {
	text, err := rules.SQL("discrepancy/" + strings.ToLower(code))
	if err != nil {
		return ""
	}
	lines := commentLines(text)
	if len(lines) == 0 {
		return ""
	}
	first := lines[0]
	if i := strings.Index(first, " — "); i >= 0 {
		lines[0] = first[i+len(" — "):]
	}
	return sentence(lines)
}

// ruleClause is the clause of a stage file ("income", "candidates",
// "elimination"): its second comment line on, to the first full stop.
func ruleClause(name string) string {
	text, err := rules.SQL(name)
	if err != nil {
		return ""
	}
	lines := commentLines(text)
	if len(lines) < 2 {
		return ""
	}
	return sentence(lines[1:])
}

// commentLines are the leading "-- " lines, without the marker.
func commentLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "--") {
			break
		}
		out = append(out, strings.TrimSpace(strings.TrimPrefix(l, "--")))
	}
	return out
}

// sentence joins lines up to the one ending in a full stop, and puts the
// work plan's name in Chinese.
func sentence(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		if l == "" {
			break
		}
		if b.Len() > 0 {
			// Chinese text wrapped mid-phrase joins without a space.
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if !(last >= 0x2E80 && first >= 0x2E80) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
		if strings.HasSuffix(l, ".") {
			break
		}
	}
	s := strings.TrimSuffix(b.String(), ".")
	s = strings.ReplaceAll(s, "work plan ", "工作方案 ")
	s = pointRE.ReplaceAllString(s, "第${1}点")
	s = strings.ReplaceAll(s, " and ", " 及 ")
	return s
}

var pointRE = regexp.MustCompile(`its point (\d+)`)
