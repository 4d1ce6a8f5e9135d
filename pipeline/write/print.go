package write

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Printing (SPEC §6.1): every sheet of every workbook prints on A4
// landscape, all columns on one page wide (as many pages down as it takes),
// the header row(s) repeated on every page and a footer 第 N 页 共 M 页.
// Without it a township's printer cuts the lists into column fragments.

// fitToPage must be set before a sheet's StreamWriter starts: the stream
// writes the sheet properties first, the page setup when it is flushed.
func fitToPage(f *excelize.File, sheet string) error {
	on := true
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &on})
}

// printSetup sets the page of sheet; rows first to last (the header) are
// repeated on every page. For a streamed sheet it runs before the stream's
// Flush.
func printSetup(f *excelize.File, sheet string, first, last int) error {
	a4, landscape, wide, tall := 9, "landscape", 1, 0 // tall 0: as many pages down as needed
	page1 := uint(1)                                  // each sheet counts its own pages: a notice is posted alone
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall, FirstPageNumber: &page1,
	}); err != nil {
		return err
	}
	// narrow margins (inches): more of the list on each page
	side, top, foot := 0.4, 0.5, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &top, Bottom: &top, Header: &foot, Footer: &foot,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&C第 &P 页 共 &N 页",
	}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), first, last),
		Scope:    sheet,
	})
}

// printArea limits the printed part of sheet to its table, columns 1 to
// ncol: a long text in the last column would otherwise run on to the
// right, and the page shrink to fit it.
func printArea(f *excelize.File, sheet string, ncol, lastRow int) error {
	last, err := excelize.ColumnNumberToName(max(ncol, 1))
	if err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", quoteSheet(sheet), last, max(lastRow, 1)), Scope: sheet,
	})
}

// quoteSheet quotes a sheet name for a reference ('新识别监测对象候选'!$1:$2).
func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
