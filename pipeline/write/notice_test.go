package write

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestNotices(t *testing.T) {
	dir := written(t, nil)
	for _, tc := range []struct {
		file  string
		sheet string
		title string
		rows  [][]string // the table below its header
	}{
		{"乌兰镇/巴彦嘎查-公示.xlsx", "新识别监测对象公示", "巴彦嘎查2023年拟纳入防返贫监测对象名单公示", [][]string{
			{"1", "巴彦嘎查", "王 \"小\" 明", "150521********1234", "3", "脱贫不稳定户"},
			{"2", "巴彦嘎查", "李四", "150521********123X", "1", "边缘易致贫户"}}},
		{"乌兰镇/巴彦嘎查-公示.xlsx", "风险消除公示", "巴彦嘎查2023年拟标注风险消除监测对象名单公示", [][]string{
			{"1", "巴彦嘎查", "钱七", "150521********1234", "2", "边缘易致贫户"}}},
		{"宝日镇/新村-公示.xlsx", "风险消除公示", "新村2023年拟标注风险消除监测对象名单公示", nil},
		{"乌兰镇/空村-公示.xlsx", "新识别监测对象公示", "空村2023年拟纳入防返贫监测对象名单公示", nil},
	} {
		t.Run(tc.file+"/"+tc.sheet, func(t *testing.T) {
			f := open(t, filepath.Join(dir, "public", filepath.FromSlash(tc.file)))
			if got := f.GetSheetList(); !slices.Equal(got, []string{"新识别监测对象公示", "风险消除公示"}) {
				t.Fatalf("sheets %v", got)
			}
			rs := rows(t, f, tc.sheet)
			town, _, _ := strings.Cut(tc.file, "/")
			want := [][]string{{tc.title}, {"公示期：2023年5月16日 至 2023年5月20日（共5天）"}, noticeHeader}
			if tc.rows == nil {
				want = append(want, []string{"本次无拟公示对象"})
			}
			want = append(want, tc.rows...)
			want = append(want, nil, []string{"如有异议，请在公示期内向" + town + "人民政府反映。"},
				[]string{"监督电话：0476-1234567"}, nil, []string{town + "人民政府  2023年5月16日"})
			if len(rs) != len(want) {
				t.Fatalf("rows\n%q\nwant\n%q", rs, want)
			}
			for i := range want {
				if !slices.Equal(rs[i], want[i]) {
					t.Errorf("row %d %q, want %q", i+1, rs[i], want[i])
				}
			}
			assertPrint(t, f, tc.sheet, "$3:$3")
		})
	}
	// nothing private on a notice
	filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f := open(t, p)
		for _, sh := range f.GetSheetList() {
			for _, r := range rows(t, f, sh) {
				for _, c := range r {
					if idLike.MatchString(c) || strings.Contains(c, "12000.5") || strings.Contains(c, "因病") || strings.HasPrefix(c, "1505210") {
						t.Errorf("%s %s: cell %q is not for a notice", p, sh, c)
					}
				}
			}
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(dir, "public", "乌兰镇-公示.xlsx")); !os.IsNotExist(err) {
		t.Errorf("the old township notice is still written: %v", err)
	}
}

// assertPrint checks a sheet's page: A4 landscape, one page wide, titles
// repeated, the page-number footer.
func assertPrint(t *testing.T, f *excelize.File, sheet, titles string) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("%s: page %d %s %d×%d, want A4 (9) landscape 1 wide × 0", sheet, *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
	}
	props, _ := f.GetSheetProps(sheet)
	if props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("%s: not fit to page", sheet)
	}
	hf, _ := f.GetHeaderFooter(sheet)
	if hf.OddFooter != "&C第 &P 页 共 &N 页" {
		t.Errorf("%s: footer %q", sheet, hf.OddFooter)
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
			found = true
			if want := quoteSheet(sheet) + "!" + titles; dn.RefersTo != want {
				t.Errorf("%s: print titles %q, want %q", sheet, dn.RefersTo, want)
			}
		}
	}
	if !found {
		t.Errorf("%s: no print titles", sheet)
	}
}

func TestPrintSetupEverySheet(t *testing.T) {
	dir := written(t, nil)
	for _, p := range []string{"report.xlsx", "townships/乌兰镇.xlsx", "townships/宝日镇.xlsx"} {
		f := open(t, filepath.Join(dir, filepath.FromSlash(p)))
		for _, sh := range f.GetSheetList() {
			assertPrint(t, f, sh, "$1:$1")
		}
	}
}

func TestChineseDate(t *testing.T) {
	for in, want := range map[string]string{"2023-05-25": "2023年5月25日", "2023-12-01": "2023年12月1日"} {
		d, _ := time.Parse(time.DateOnly, in)
		if got := chineseDate(d); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

// TestLedgerLikeList: a Numbered, NotInReport list with a Hidden 乡镇 (the
// 问题整改台账) goes to each township's workbook only, numbered from 1 in
// each, without its 乡镇 column; a wrapped text grows its row.
func TestLedgerLikeList(t *testing.T) {
	cols := []Column{{Name: "乡镇", Hidden: true}, {Name: "村"}, {Name: "说明", Width: 10, Wrap: true}, {Name: "整改措施", Width: 20}}
	input := [][]string{
		{"乌兰镇", "巴彦嘎查", "短", ""},
		{"宝日镇", "新村", "很长很长很长很长很长很长很长很长很长很长的说明", ""},
		{"乌兰镇", "查干嘎查", "=1+1", ""},
	}
	dir := written(t, func(o *Output) {
		o.Lists = append(o.Lists, List{Sheet: "问题整改台账", Columns: cols, InTownships: true, NotInReport: true, Numbered: true,
			Rows: rowsOf(cols, input)})
	})
	if slices.Contains(open(t, filepath.Join(dir, "report.xlsx")).GetSheetList(), "问题整改台账") {
		t.Error("the ledger is in report.xlsx")
	}
	for town, want := range map[string][][]string{
		"乌兰镇": {{"序号", "村", "说明", "整改措施"}, {"1", "巴彦嘎查", "短"}, {"2", "查干嘎查", "=1+1"}},
		"宝日镇": {{"序号", "村", "说明", "整改措施"}, {"1", "新村", input[1][2]}},
	} {
		f := open(t, filepath.Join(dir, "townships", town+".xlsx"))
		got := rows(t, f, "问题整改台账")
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s: %q, want %q", town, got, want)
		}
		assertPrint(t, f, "问题整改台账", "$1:$1")
		if town == "宝日镇" {
			if h, _ := f.GetRowHeight("问题整改台账", 2); h < 30 {
				t.Errorf("the wrapped row is %.0f points high: its text is cut off", h)
			}
		}
	}
}
