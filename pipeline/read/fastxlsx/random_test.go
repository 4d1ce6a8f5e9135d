package fastxlsx

import (
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
)

// randomSheet generates a well-formed worksheet from a grammar that
// stresses the corners of excelize's iterator: optional/duplicate/out of
// order row and cell references, every cell type, several <v>/<is>/<f>
// children, nested unknown elements, entities, CR LF, CDATA, comments,
// _xHHHH_ escapes, namespace prefixes and whitespace.
func randomSheet(rng *rand.Rand) string {
	p := ""
	root := `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`
	if rng.Intn(4) == 0 {
		p = "x:"
		root = `<x:worksheet xmlns:x="` + nsMain + `" xmlns:r="` + nsRel + `">`
	}
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	ws := func() string {
		if rng.Intn(5) == 0 {
			return pick(" ", "\n  ", "\r\n\t")
		}
		return ""
	}
	text := func() string {
		var sb strings.Builder
		for n := rng.Intn(4); n > 0; n-- {
			sb.WriteString(pick("1", "42", "3.5", "-0", "1E-3", " ", "abc", "&amp;", "&lt;", "&#x4E2D;", "&#20013;", "_x0041_", "_x005F_x0042_", "_xD83D_", "\r\n", "\r", "中文", "😀", "<![CDATA[a<b&]]>", "<!--c-->", "TRUE"))
		}
		return sb.String()
	}
	tElem := func() string {
		if rng.Intn(6) == 0 {
			return "<" + p + "t/>"
		}
		return "<" + p + "t" + pick("", ` xml:space="preserve"`) + ">" + text() + "</" + p + "t>"
	}
	isElem := func() string {
		var sb strings.Builder
		sb.WriteString("<" + p + "is>")
		for n := rng.Intn(4); n > 0; n-- {
			switch rng.Intn(4) {
			case 0:
				sb.WriteString(tElem())
			case 1:
				sb.WriteString("<" + p + "r>" + pick("", "<"+p+"rPr><"+p+"b/></"+p+"rPr>") + tElem() + pick("", tElem()) + "</" + p + "r>")
			case 2:
				sb.WriteString("<" + p + "rPh>" + tElem() + "</" + p + "rPh>")
			default:
				sb.WriteString("<" + p + "r/>")
			}
		}
		sb.WriteString("</" + p + "is>")
		return sb.String()
	}
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + root + ws() + "<" + p + "sheetData>")
	row := 0
	for nr := rng.Intn(7); nr > 0; nr-- {
		row += 1 + rng.Intn(3)
		rattr := ""
		switch rng.Intn(10) {
		case 0:
			// no r
		case 1:
			rattr = fmt.Sprintf(` r="%d"`, 1+rng.Intn(8)) // may go backwards
		case 2:
			if rng.Intn(8) == 0 {
				rattr = pick(` r="x"`, ` r=""`, ` r="-1"`)
			} else {
				rattr = fmt.Sprintf(` r="%d"`, row)
			}
		default:
			rattr = fmt.Sprintf(` r="%d"`, row)
		}
		if rng.Intn(8) == 0 {
			sb.WriteString("<" + p + "row" + rattr + "/>" + ws())
			continue
		}
		sb.WriteString("<" + p + "row" + rattr + pick("", ` spans="1:5"`, ` ht="20" customHeight="1"`) + ">" + ws())
		col := 0
		for nc := rng.Intn(7); nc > 0; nc-- {
			col += 1 + rng.Intn(2)
			if rng.Intn(12) == 0 {
				col = 1 + rng.Intn(4) // out of order / duplicate
			}
			attrs := ""
			switch rng.Intn(8) {
			case 0:
			case 1:
				attrs += pick(` r="`+colName(col)+strconv.Itoa(max(row, 1))+`"`, ` r="$`+colName(col)+`$`+strconv.Itoa(max(row, 1))+`"`, ` r="`+strings.ToLower(colName(col))+"1"+`"`)
			default:
				attrs += ` r="` + colName(col) + strconv.Itoa(max(row, 1)) + `"`
			}
			attrs += pick("", "", ` s="1"`, ` s="0"`, ` s="x"`)
			attrs += pick("", "", ` t="s"`, ` t="s"`, ` t="str"`, ` t="inlineStr"`, ` t="b"`, ` t="e"`, ` t="n"`, ` t="d"`, ` t="zz"`)
			if rng.Intn(4) == 0 {
				// shuffle attribute order a little
				parts := strings.Fields(attrs)
				rng.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
				attrs = ""
				for _, a := range parts {
					attrs += " " + a
				}
			}
			if rng.Intn(8) == 0 {
				sb.WriteString("<" + p + "c" + attrs + "/>")
				continue
			}
			sb.WriteString("<" + p + "c" + attrs + ">")
			for nk := rng.Intn(3) + 1; nk > 0; nk-- {
				switch rng.Intn(9) {
				case 0, 1, 2:
					v := text()
					if strings.Contains(attrs, `t="s"`) && rng.Intn(2) == 0 {
						v = pick("0", "1", "2", "3", "4", "5", "6", "7", "8", " 2 ", "99", "x", "")
					}
					sb.WriteString("<" + p + "v>" + v + "</" + p + "v>")
				case 3:
					sb.WriteString("<" + p + "f" + pick("", ` t="shared" si="0"`, ` ca="1"`, ` aca="maybe"`) + ">" + pick("1+1", "A1&amp;B1", "") + "</" + p + "f>")
				case 4:
					sb.WriteString(isElem())
				case 5:
					sb.WriteString("<" + p + "v/>")
				case 6:
					sb.WriteString("<ext><" + p + "v>nested</" + p + "v></ext>")
				case 7:
					sb.WriteString("<!-- x -->" + ws())
				default:
					sb.WriteString("<" + p + "f/>")
				}
			}
			sb.WriteString("</" + p + "c>" + ws())
		}
		sb.WriteString("</" + p + "row>" + ws())
	}
	sb.WriteString("</" + p + "sheetData>" + ws())
	if rng.Intn(10) == 0 {
		sb.WriteString("<" + p + "sheetData><" + p + "row r=\"40\"><" + p + "c><" + p + "v>after</" + p + "v></" + p + "c></" + p + "row></" + p + "sheetData>")
	}
	sb.WriteString("<" + p + "pageMargins left=\"0.7\"/></" + p + "worksheet>")
	return sb.String()
}

func colName(c int) string {
	s := ""
	for c > 0 {
		c--
		s = string(rune('A'+c%26)) + s
		c /= 26
	}
	return s
}

// TestRandomSheets compares both readers on thousands of generated,
// well-formed sheets (FASTXLSX_RANDOM=N to change the count).
func TestRandomSheets(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	if v, err := strconv.Atoi(os.Getenv("FASTXLSX_RANDOM")); err == nil {
		n = v
	}
	rng := rand.New(rand.NewSource(1))
	fails, compared, errs := 0, 0, 0
	for i := 0; i < n; i++ {
		sheet := randomSheet(rng)
		if !wellFormed([]byte(sheet)) {
			t.Fatalf("generator made a malformed sheet:\n%s", sheet)
		}
		xerr, ferr, diff := compareBytes(buildWorkbook([]byte(sheet), testSST))
		compared++
		if xerr != nil {
			errs++
		}
		if (xerr != nil) != (ferr != nil) || diff != "" {
			fails++
			if fails <= 5 {
				t.Errorf("case %d: excelize err %v, fastxlsx err %v\n%s\n%s", i, xerr, ferr, diff, sheet)
			}
		}
	}
	t.Logf("%d random sheets compared (%d where both report an error), %d mismatches", compared, errs, fails)
}
