package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Every rule is one file under sql/, headed by what the rest of the program
// needs to know about it:
//
//	-- code: NAME_MISMATCH
//	-- title: 姓名与身份证号不一致
//	-- basis: SPEC §2、§5.3；工作方案 §三(四)9
//	-- stage: discrepancy
//	-- level: 疑点                      (check stage only: 错误 | 疑点 | 提示)
//	-- needs: relation sex input:card   (optional)
//	--
//	-- then the English comment on why the SQL is written as it is.
//
// The registry is those headers, parsed once. The run, the per-code counts,
// summary.json, `paicha explain` and docs/rules.md read it, so adding a rule
// is adding a file.

//go:embed sql
var sqlFiles embed.FS

// Stage is one step of the run. Its setup file sql/<File>.sql runs first
// (creating the tables its rules fill and its output views), then its rule
// files sql/<Name>/*.sql in file-name order. A rule file of a stage with a
// Table is a SELECT of that table's columns, inserted into it.
type Stage struct {
	Name  string // as in a header's stage:
	File  string // the setup file's name; its code is this in capitals
	Table string // the findings table its rules insert into; "" = rules are whole statements
}

// Stages run in this order; each later one reads the tables of the earlier ones.
var Stages = []Stage{
	{Name: "income", File: "income"},
	{Name: "candidates", File: "candidates"},
	{Name: "elimination", File: "elimination"},
	{Name: "discrepancy", File: "discrepancies", Table: "discrepancy"},
	{Name: "check", File: "checks", Table: "check_finding"},
}

// Levels of a data check (SPEC §5.4).
var Levels = []string{"错误", "疑点", "提示"}

// InputKinds a rule may need ("input:<kind>"): the input files a run was given.
var InputKinds = []string{"card", "medical", "police", "aid", "disability", "school"}

// Rule is one rule file.
type Rule struct {
	Code  string
	Title string // Chinese, as township staff read it
	Basis string // the SPEC section and the work-plan clause, in Chinese
	Stage string
	Level string // check stage only
	// Needs lists what the rule reads beyond the core tables: each entry is
	// satisfied by any one of its alternatives, a field (a column of
	// household or person, as sheet_field names it) or "input:<kind>".
	Needs [][]string
	Setup bool   // the stage's setup file
	File  string // its path under the embedded folder, e.g. "sql/discrepancy/name_mismatch.sql"
	Why   string // the comment after the header
	Text  string // the whole file
}

// All is every rule, setup files included, in run order.
func All() []Rule {
	rs, err := registry()
	if err != nil {
		// The files are embedded at build time; TestRegistry keeps them valid.
		panic(err)
	}
	return rs
}

// Lookup finds a rule by its code.
func Lookup(code string) (Rule, bool) {
	for _, r := range All() {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// Codes lists the codes of a stage's rules (setup files excluded) in run order.
func Codes(stage string) []string {
	var out []string
	for _, r := range All() {
		if r.Stage == stage && !r.Setup {
			out = append(out, r.Code)
		}
	}
	return out
}

var registry = sync.OnceValues(func() ([]Rule, error) { return parseRegistry(sqlFiles) })

// parseRegistry reads every rule of fsys (laid out as sql/ above) in run order.
func parseRegistry(fsys fs.FS) ([]Rule, error) {
	var rules []Rule
	seen := map[string]string{}
	add := func(file string, setup bool, stage Stage) error {
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return fmt.Errorf("rules: %w", err)
		}
		r, err := parseRule(string(b))
		if err != nil {
			return fmt.Errorf("rules: %s: %w", file, err)
		}
		r.File, r.Setup = file, setup
		if r.Stage != stage.Name {
			return fmt.Errorf("rules: %s: stage %q, but the file is in stage %q", file, r.Stage, stage.Name)
		}
		if setup && r.Code != strings.ToUpper(stage.File) {
			return fmt.Errorf("rules: %s: a stage's setup file has the code %s", file, strings.ToUpper(stage.File))
		}
		if setup && (r.Level != "" || len(r.Needs) > 0) {
			return fmt.Errorf("rules: %s: a setup file has no level and no needs", file)
		}
		if !setup && r.Stage == "check" && r.Level == "" {
			return fmt.Errorf("rules: %s: a check needs a level: one of %s", file, strings.Join(Levels, " "))
		}
		if other, ok := seen[r.Code]; ok {
			return fmt.Errorf("rules: %s: code %s is also %s", file, r.Code, other)
		}
		seen[r.Code] = file
		rules = append(rules, r)
		return nil
	}
	for _, s := range Stages {
		setup := "sql/" + s.File + ".sql"
		files, err := fs.Glob(fsys, "sql/"+s.Name+"/*.sql")
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		if _, err := fs.Stat(fsys, setup); err != nil {
			if len(files) > 0 {
				return nil, fmt.Errorf("rules: %s has rules but no %s", path.Dir(files[0]), setup)
			}
			continue // a stage not written yet does nothing
		}
		if err := add(setup, true, s); err != nil {
			return nil, err
		}
		for _, f := range files {
			if err := add(f, false, s); err != nil {
				return nil, err
			}
		}
	}
	return rules, nil
}

var (
	codeRE   = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	headerRE = regexp.MustCompile(`^--\s*([a-z]+):\s*(.*?)\s*$`)
	fieldRE  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// parseRule reads a file's header: "-- key: value" lines up to a bare "--".
func parseRule(text string) (Rule, error) {
	r := Rule{Text: text}
	lines := strings.Split(text, "\n")
	i, got := 0, map[string]bool{}
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "--" {
			i++
			break
		}
		m := headerRE.FindStringSubmatch(l)
		if m == nil {
			return r, fmt.Errorf("line %d: want a header line \"-- key: value\" or \"--\" to end the header, got %q", i+1, l)
		}
		key, val := m[1], m[2]
		if got[key] {
			return r, fmt.Errorf("line %d: %s given twice", i+1, key)
		}
		got[key] = true
		switch key {
		case "code":
			r.Code = val
		case "title":
			r.Title = val
		case "basis":
			r.Basis = val
		case "stage":
			r.Stage = val
		case "level":
			r.Level = val
		case "needs":
			needs, err := parseNeeds(val)
			if err != nil {
				return r, fmt.Errorf("line %d: needs: %w", i+1, err)
			}
			r.Needs = needs
		default:
			return r, fmt.Errorf("line %d: unknown header key %q (code, title, basis, stage, level, needs)", i+1, key)
		}
	}
	var why []string
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "--") {
			break
		}
		why = append(why, strings.TrimSpace(strings.TrimPrefix(l, "--")))
	}
	r.Why = strings.TrimSpace(strings.Join(why, "\n"))

	switch {
	case !codeRE.MatchString(r.Code):
		return r, fmt.Errorf("code %q: want capitals, digits and _", r.Code)
	case r.Title == "" || hasLatin(r.Title, ""):
		return r, fmt.Errorf("%s: title %q: want a Chinese title", r.Code, r.Title)
	case r.Basis == "" || hasLatin(r.Basis, "SPEC"):
		return r, fmt.Errorf("%s: basis %q: want the SPEC section and the work-plan clause in Chinese (\"SPEC §5.3；工作方案 §三(四)9\")", r.Code, r.Basis)
	}
	known := false
	for _, s := range Stages {
		known = known || s.Name == r.Stage
	}
	if !known {
		return r, fmt.Errorf("%s: unknown stage %q", r.Code, r.Stage)
	}
	if r.Stage != "check" && r.Level != "" {
		return r, fmt.Errorf("%s: only checks have a level", r.Code)
	}
	if r.Level != "" && !contains(Levels, r.Level) {
		return r, fmt.Errorf("%s: level %q: want one of %s", r.Code, r.Level, strings.Join(Levels, " "))
	}
	return r, nil
}

func parseNeeds(s string) ([][]string, error) {
	var out [][]string
	for _, term := range strings.Fields(s) {
		alts := strings.Split(term, "|")
		for _, a := range alts {
			if kind, ok := strings.CutPrefix(a, "input:"); ok {
				if !contains(InputKinds, kind) {
					return nil, fmt.Errorf("input kind %q: want one of %s", kind, strings.Join(InputKinds, " "))
				}
			} else if !fieldRE.MatchString(a) {
				return nil, fmt.Errorf("%q: want a field name, a|b alternatives or input:<kind>", term)
			}
		}
		out = append(out, alts)
	}
	return out, nil
}

// hasLatin reports whether s has a Latin letter outside the word allowed.
func hasLatin(s, allowed string) bool {
	if allowed != "" {
		s = strings.ReplaceAll(s, allowed, "")
	}
	return strings.IndexFunc(s, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
