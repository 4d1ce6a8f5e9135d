package read

import (
	"archive/zip"
	"context"
	"errors"
	"strings"

	"github.com/paicha/paicha/pipeline/read/fastxlsx"
)

// Limits against zip bombs. A 400k-row, 30-column sheet is a few hundred MB of
// XML; nothing real comes near these.
const (
	// xlsxUnzipLimit caps the total unpacked size of all parts.
	xlsxUnzipLimit = 2 << 30
	// xlsxXMLMemLimit: worksheets and the shared-string table bigger than this
	// are unpacked to a temporary file and streamed from there.
	xlsxXMLMemLimit = 64 << 20
	// xlsxPartLimit caps any other part (styles, drawings, ...), which excelize
	// keeps in memory.
	xlsxPartLimit = 256 << 20
	// xlsxMaxRatio: a part this much bigger unpacked than packed is a bomb
	// (real sheet XML compresses 5-30x).
	xlsxMaxRatio = 1000
)

// needCachedValues: a formula cell without a cached value is the file's
// failure (SPEC §8). Only the test comparing .xls files with the
// excelize-written originals they were converted from turns it off.
var needCachedValues = true

// xlsxBook reads .xlsx/.xlsm with the byte-level fastxlsx reader; its tests
// hold it to exactly the cells excelize returns.
type xlsxBook struct {
	path   string
	wb     *fastxlsx.Workbook
	sheets []string
}

func openXLSX(path string) (Workbook, error) {
	if err := checkZip(path); err != nil {
		return nil, err
	}
	wb, err := fastxlsx.OpenOptions(path, fastxlsx.Options{MaxPartSize: xlsxUnzipLimit, MarkLostDigits: true, NeedCachedValues: needCachedValues})
	if err != nil {
		return nil, xlsxOpenError(path, err)
	}
	// Chart sheets are listed too; they simply have no rows.
	b := &xlsxBook{path: path, wb: wb, sheets: wb.Sheets()}
	if len(b.sheets) == 0 {
		wb.Close()
		return nil, fileErr(path, reasonCorrupt, errors.New("workbook lists no sheets"))
	}
	return b, nil
}

// checkZip refuses zip bombs before excelize unpacks anything, and files that
// are a zip but not a workbook.
func checkZip(path string) error {
	z, err := zip.OpenReader(path)
	if err != nil {
		return fileErr(path, "文件不完整或已损坏（可能下载或复制时中断），请重新导出或用Excel打开后另存为.xlsx再试", err)
	}
	defer z.Close()
	var total uint64
	hasWorkbook := false
	for _, zf := range z.File {
		name := strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
		if name == "xl/workbook.xml" || name == "xl/workbook.bin" {
			hasWorkbook = true
		}
		size := zf.UncompressedSize64
		total += size
		big := strings.HasPrefix(name, "xl/worksheets/") || name == "xl/sharedstrings.xml"
		if total > xlsxUnzipLimit || (!big && size > xlsxPartLimit) ||
			(size > 64<<20 && size/max(zf.CompressedSize64, 1) > xlsxMaxRatio) {
			return fileErr(path, reasonTooLarge, ErrTooLarge)
		}
	}
	if !hasWorkbook {
		return fileErr(path, "文件是压缩包（zip），但不是Excel工作簿，请解压后再读取其中的文件", ErrNotWorkbook)
	}
	for _, zf := range z.File {
		if strings.EqualFold(zf.Name, "xl/workbook.bin") {
			return fileErr(path, "文件是Excel二进制工作簿（.xlsb），请用Excel打开后另存为.xlsx再试", ErrNotWorkbook)
		}
	}
	return nil
}

func xlsxOpenError(path string, err error) error {
	if errors.Is(err, fastxlsx.ErrPartTooLarge) {
		return fileErr(path, reasonTooLarge, errors.Join(ErrTooLarge, err))
	}
	return fileErr(path, reasonCorrupt, err)
}

func (b *xlsxBook) Sheets() []string { return b.sheets }
func (b *xlsxBook) Close() error     { return b.wb.Close() }

func (b *xlsxBook) Rows(ctx context.Context, sheet string, fn func(num int, cells []string) error) error {
	if !b.hasSheet(sheet) {
		return &FileError{Path: b.path, Sheet: sheet, Reason: "工作簿中没有这个工作表", Err: ErrNoSheet}
	}
	last := 0
	errFn := errors.New("")
	var fnErr error
	err := b.wb.Rows(ctx, sheet, func(num int, cols []string) error {
		last = num
		cells := trimTrailing(cols)
		if len(cells) == 0 {
			return nil
		}
		if fnErr = fn(num, cells); fnErr != nil {
			return errFn
		}
		return nil
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errFn):
		return fnErr
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, fastxlsx.ErrTooManyCols):
		return &FileError{Path: b.path, Sheet: sheet, Row: last + 1, Reason: "列数超过Excel的上限（16384列），文件可能已损坏，请用Excel打开检查后另存为.xlsx再试", Err: err}
	case errors.Is(err, fastxlsx.ErrPartTooLarge):
		return &FileError{Path: b.path, Sheet: sheet, Reason: reasonTooLarge, Err: errors.Join(ErrTooLarge, err)}
	}
	if nc := (*fastxlsx.NoCachedValueError)(nil); errors.As(err, &nc) {
		// Formulas are never evaluated (SPEC §8): without the value a
		// spreadsheet program saved, the cell cannot be read.
		return &FileError{Path: b.path, Sheet: sheet,
			Reason: "单元格 " + nc.Cell + " 是公式，但文件中没有保存计算结果（文件由不计算公式的程序生成），请用Excel或WPS打开后保存，再读取",
			Err:    err}
	}
	return &FileError{Path: b.path, Sheet: sheet, Row: last + 1, Reason: reasonCorrupt, Err: err}
}
func (b *xlsxBook) hasSheet(s string) bool {
	for _, n := range b.sheets {
		if n == s {
			return true
		}
	}
	return false
}
