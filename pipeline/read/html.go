package read

import (
	"context"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlBook is an HTML page saved with an .xls extension, the "Excel export"
// of many web systems. Its first <table> is its one sheet, named "".
type htmlBook struct {
	path string
	ti   textInfo
}

func openHTML(path string, f *os.File, ti textInfo) (Workbook, error) {
	f.Close()
	return &htmlBook{path: path, ti: ti}, nil
}

func (b *htmlBook) Sheets() []string { return []string{""} }
func (b *htmlBook) Close() error     { return nil }

// Rows streams the first table's rows (<tr>), cells <td>/<th> as their text
// with whitespace collapsed and <br> as a newline. colspan=N adds N-1 empty
// cells after the cell; cells covered by a rowspan from a row above are empty,
// so columns line up as Excel shows them. Tables nested in a cell become part
// of that cell's text. num is the <tr>'s position in the table (1-based).
func (b *htmlBook) Rows(ctx context.Context, sheet string, fn func(num int, cells []string) error) error {
	if sheet != "" {
		return &FileError{Path: b.path, Sheet: sheet, Reason: "HTML格式的文件只有一个工作表", Err: ErrNoSheet}
	}
	r, c, err := textReader(b.path, b.ti)
	if err != nil {
		return fileErr(b.path, "无法打开文件，请检查文件是否存在、是否被其他程序占用", err)
	}
	defer c.Close()
	z := html.NewTokenizer(r)
	var (
		depth    int // table nesting; 1 = the table we read
		done     bool
		rowNum   int
		inRow    bool
		inCell   bool
		skipText int // inside <script>/<style>
		row      []string
		cell     strings.Builder
		span     int   // colspan of the open cell
		rowspans []int // per column: rows still covered by a rowspan from above
		cellSpan int   // rowspan of the open cell
	)
	fillCovered := func() {
		for len(row) < len(rowspans) && rowspans[len(row)] > 0 {
			rowspans[len(row)]--
			row = append(row, "")
		}
	}
	endCell := func() {
		if !inCell {
			return
		}
		inCell = false
		fillCovered()
		col := len(row)
		row = append(row, cleanCellText(cell.String()))
		for i := 1; i < span; i++ {
			row = append(row, "")
		}
		if cellSpan > 1 {
			for len(rowspans) < len(row) {
				rowspans = append(rowspans, 0)
			}
			for i := col; i < len(row); i++ {
				rowspans[i] = cellSpan - 1
			}
		}
	}
	endRow := func() error {
		if !inRow {
			return nil
		}
		endCell()
		inRow = false
		// columns at the end of the row still covered from above
		for len(row) < len(rowspans) {
			if rowspans[len(row)] > 0 {
				rowspans[len(row)]--
			}
			row = append(row, "")
		}
		cells := trimTrailing(row)
		if len(cells) == 0 {
			return nil
		}
		return fn(rowNum, cells)
	}
	for !done {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != nil && err.Error() != "EOF" {
				return &FileError{Path: b.path, Row: rowNum, Reason: "读取HTML格式的文件出错，请用Excel打开后另存为.xlsx再试", Err: err}
			}
			if depth == 0 && rowNum == 0 {
				return nil // no table at all: no rows
			}
			return endRow() // unterminated table
		case html.TextToken:
			if inCell && skipText == 0 {
				// Line breaks in the HTML source are just spaces; <br> is a
				// line break.
				for _, c := range z.Text() {
					if c == '\n' || c == '\r' {
						c = ' '
					}
					cell.WriteByte(c)
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			end := tt == html.EndTagToken
			switch a {
			case atom.Script, atom.Style:
				if tt == html.StartTagToken {
					skipText++
				} else if end && skipText > 0 {
					skipText--
				}
				continue
			case atom.Table:
				if !end {
					depth++
				} else if depth > 0 {
					depth--
					if depth == 0 {
						if err := endRow(); err != nil {
							return err
						}
						done = true
					}
				}
				continue
			}
			if depth == 0 {
				continue
			}
			if depth > 1 { // nested table: its text joins the cell
				if inCell && !end && (a == atom.Tr || a == atom.Br || a == atom.P || a == atom.Div) {
					cell.WriteByte('\n')
				} else if inCell && !end && (a == atom.Td || a == atom.Th) {
					cell.WriteByte(' ')
				}
				continue
			}
			switch a {
			case atom.Tr:
				if err := endRow(); err != nil {
					return err
				}
				if !end {
					inRow = true
					row = row[:0]
					rowNum++
					if err := checkCtx(ctx, rowNum); err != nil {
						return err
					}
				}
			case atom.Td, atom.Th:
				endCell()
				if !end {
					if !inRow { // a cell without <tr>
						inRow, row = true, row[:0]
						rowNum++
					}
					inCell = true
					cell.Reset()
					span, cellSpan = 1, 1
					for hasAttr {
						var k, v []byte
						k, v, hasAttr = z.TagAttr()
						switch strings.ToLower(string(k)) {
						case "colspan":
							span = spanAttr(v)
						case "rowspan":
							cellSpan = spanAttr(v)
						}
					}
				}
			case atom.Br, atom.P, atom.Div:
				if inCell && (a == atom.Br || !end) && cell.Len() > 0 {
					cell.WriteByte('\n')
				}
			}
		}
	}
	return nil
}

// spanAttr parses a colspan/rowspan value; bad or silly values count as 1.
func spanAttr(v []byte) int {
	n, err := strconv.Atoi(strings.TrimSpace(string(v)))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, 1000)
}

// cleanCellText collapses whitespace runs (including no-break spaces) to one
// space within each line and trims each line and the whole.
func cleanCellText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.FieldsFunc(l, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0'
		}), " ")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
