// Package read opens one input file (.xlsx/.xlsm, .xls, .csv, or what such a
// file really contains: an HTML table, tab-separated text, a zip workbook with
// the wrong extension) and streams its sheets' rows as raw cell text.
//
// Nothing here interprets cells: numbers come out as stored (an ID that Excel
// stored as a number keeps its exponent notation so the caller can reject it),
// merged cells are not filled, and header detection is the caller's job.
package read

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Workbook is one opened input file.
type Workbook interface {
	// Sheets returns the sheet names in workbook order; a CSV file has exactly
	// one sheet named "".
	Sheets() []string
	// Rows streams one sheet's rows in order, calling fn once per row that has
	// at least one non-empty cell (blank rows are not reported). num is the row
	// number as Excel shows it (1-based); for CSV the line number on which the
	// record starts (header line = 1). cells are the raw texts of the cells from
	// column A on, without trailing empty cells; fn must not keep cells after
	// it returns (the slice is reused). Rows stops at the first error fn
	// returns and returns it; it checks ctx between rows.
	Rows(ctx context.Context, sheet string, fn func(num int, cells []string) error) error
	Close() error
}

// FileError is an input file that cannot be read (or read further).
type FileError struct {
	Path   string
	Sheet  string // "" when the error is not about one sheet
	Row    int    // 0 when the error is not about one row
	Reason string // Chinese, says what to do
	Err    error  // underlying error, may be nil
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Sheet != "" {
		fmt.Fprintf(&b, "，工作表「%s」", e.Sheet)
	}
	if e.Row > 0 {
		fmt.Fprintf(&b, "，第%d行", e.Row)
	}
	b.WriteString("：")
	b.WriteString(e.Reason)
	return b.String()
}

func (e *FileError) Unwrap() error { return e.Err }

// Sentinel errors wrapped (FileError.Err) for the situations a caller may want
// to tell apart with errors.Is.
var (
	ErrEmpty       = errors.New("empty file")
	ErrEncrypted   = errors.New("workbook is password-protected")
	ErrNotWorkbook = errors.New("not a spreadsheet file")
	ErrTooLarge    = errors.New("file too large when unpacked")
	ErrNoSheet     = errors.New("no such sheet")
)

// Reasons shown to users.
const (
	reasonCorrupt   = "文件已损坏或不是Excel文件，请用Excel打开后另存为.xlsx再试"
	reasonEmpty     = "文件是空的（0字节），请检查导出是否完整，重新导出后再试"
	reasonEncrypted = "文件设置了打开密码，请用Excel打开后在「文件→信息→保护工作簿→用密码进行加密」中删除密码，保存后再试"
	reasonTooLarge  = "文件解压后过大，可能已损坏，请用Excel打开检查后另存为.xlsx再试"
	reasonTextXLSX  = "文件扩展名是.xlsx，但内容是纯文本（可能是CSV文件改了扩展名），请把扩展名改为.csv，或用Excel打开后另存为.xlsx再试"
	reasonXMLSS     = "文件是“XML表格 2003”格式，请用Excel打开后另存为.xlsx再试"
	reasonBIFF5     = "文件是Excel 95或更早的格式，请用Excel打开后另存为.xlsx再试"
)

func fileErr(path, reason string, err error) *FileError {
	return &FileError{Path: path, Reason: reason, Err: err}
}

// sniffLen is how much of a file is looked at to decide what it is (and, for
// text, its encoding and delimiter).
const sniffLen = 64 << 10

// ctxEvery is how many rows pass between context checks.
const ctxEvery = 256

var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Open picks the reader by extension (.csv, .xlsx, .xlsm, .xls;
// case-insensitive) but sniffs the content first: a file that is really a zip
// workbook, an OLE (Excel 97-2003) workbook, an HTML table, or CSV/TSV text is
// read as what it really is, whatever its extension says, except that plain
// text named .xlsx/.xlsm is refused (somebody renamed a file; say so). A file
// that is none of these gives a *FileError. An empty (0-byte) file is a
// *FileError wrapping ErrEmpty.
func Open(path string) (Workbook, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".xlsx", ".xlsm", ".xls", ".txt", ".tsv":
	default:
		return nil, fileErr(path, "不支持的文件类型“"+ext+"”，只能读取.xlsx、.xlsm、.xls和.csv文件", ErrNotWorkbook)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErr(path, "无法打开文件，请检查文件是否存在、是否被其他程序占用", err)
	}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	head = head[:n]
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		f.Close()
		return nil, fileErr(path, "读取文件失败，请检查文件是否完整", err)
	}
	if n == 0 {
		f.Close()
		return nil, fileErr(path, reasonEmpty, ErrEmpty)
	}
	switch {
	case bytes.HasPrefix(head, magicZip):
		f.Close()
		return openXLSX(path)
	case bytes.HasPrefix(head, magicOLE):
		defer f.Close()
		return openOLE(path, f)
	}
	text := sniffText(head)
	switch text.kind {
	case kindHTML:
		return openHTML(path, f, text)
	case kindXMLSS:
		f.Close()
		return nil, fileErr(path, reasonXMLSS, ErrNotWorkbook)
	case kindText:
		if ext == ".xlsx" || ext == ".xlsm" {
			f.Close()
			return nil, fileErr(path, reasonTextXLSX, ErrNotWorkbook)
		}
		return openCSV(path, f, text)
	}
	f.Close()
	if ext == ".csv" || ext == ".txt" || ext == ".tsv" {
		return nil, fileErr(path, "文件不是文本格式的CSV（含有二进制内容），可能已损坏，请重新导出后再试", ErrNotWorkbook)
	}
	return nil, fileErr(path, reasonCorrupt, ErrNotWorkbook)
}

// trimTrailing drops trailing empty cells.
func trimTrailing(cells []string) []string {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return cells[:n]
}

func checkCtx(ctx context.Context, i int) error {
	if i%ctxEvery == 0 {
		return ctx.Err()
	}
	return nil
}
