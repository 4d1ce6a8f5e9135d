package write

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRenderPrepare prints a village's statements and form as a township
// does (SPEC §6.1 printing, §6.2): A4 landscape, 第 N 页 at the foot; each
// household's statement starts on a page of its own and a long one goes on
// to the next page; the form's title and header repeat on every page, at
// most two pages wide.
func TestRenderPrepare(t *testing.T) {
	soffice := renderTools(t)
	var st, form [][]string
	for h := 1; h <= 3; h++ {
		id := fmt.Sprintf("1505211980010100%d%d", h, h)
		st = append(st, []string{"乌兰镇", "巴彦嘎查", "H", fmt.Sprintf("100%d", h), fmt.Sprintf("户主%d", h), id, fmt.Sprintf("户主%d、成员%d", h, h), "0", "0", ""})
		n := 3
		if h == 2 {
			n = 60 // more than a page
		}
		for i := range n {
			st = append(st, []string{"乌兰镇", "巴彦嘎查", "P", fmt.Sprintf("户主%d", h), id, "养老金",
				fmt.Sprintf("2022-%02d-%02d", i%12+1, i%28+1), "100.00", ""})
		}
	}
	cols := []Column{{Name: "乡镇"}, {Name: "村"}, {Name: "户编号", Kind: Code}, {Name: "姓名"}, {Name: "身份证号", Kind: ID}}
	for _, c := range []string{"工资性收入", "生产经营性收入", "生产经营性支出", "财产性收入", "转移性收入", "理赔收入", "合规自付支出",
		"义务教育保障", "基本医疗保障", "住房安全保障", "饮水安全保障", "整户无劳动能力兜底保障户"} {
		cols = append(cols, Column{Name: c})
	}
	for i := range 90 {
		r := []string{"乌兰镇", "巴彦嘎查", "0", "", "乌兰镇", "巴彦嘎查", fmt.Sprint(1000 + i/3), fmt.Sprintf("成员%d", i), "150521198001010011"}
		form = append(form, append(r, make([]string, len(cols)-5)...))
	}
	dir := written(t, func(o *Output) {
		o.Statements = &Statements{First: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), Last: time.Date(2023, 5, 15, 0, 0, 0, 0, time.UTC),
			Rows: rowsOf(make([]Column, StatementFields), st)}
		o.Forms = &Forms{Sheets: []FormSheet{{Name: "监测户", Empty: "无"}}, Columns: cols, Rows: rowsOf(make([]Column, len(cols)+4), form)}
	})

	t.Run("statements", func(t *testing.T) {
		pages := toPDF(t, soffice, filepath.Join(dir, StatementsDir, "乌兰镇", "巴彦嘎查-一卡通明细.xlsx"))
		if len(pages) < 4 {
			t.Fatalf("%d pages, want household 1, household 2 on two pages, household 3", len(pages))
		}
		starts := 0
		for i, p := range pages {
			if pageNumber(p) == 0 {
				t.Errorf("page %d: no 第 N 页 共 M 页", i+1)
			}
			if n := strings.Count(squeeze(p), "户编号："); n > 1 {
				t.Errorf("page %d holds %d households: want a page break between households", i+1, n)
			} else {
				starts += n
			}
			if strings.Contains(p, "150521198001010011") {
				t.Errorf("page %d shows a full ID", i+1)
			}
		}
		if starts != 3 || !strings.Contains(squeeze(pages[len(pages)-1]), "户编号：1003") {
			t.Errorf("%d household blocks; want 3, the last on the last page", starts)
		}
	})
	t.Run("form", func(t *testing.T) {
		pages := toPDF(t, soffice, filepath.Join(dir, FormsDir, "乌兰镇", "巴彦嘎查-入户排查表.xlsx"))
		if len(pages) < 2 {
			t.Fatalf("%d pages, want 90 persons on 2 or more", len(pages))
		}
		for i, p := range pages {
			if pageNumber(p) == 0 {
				t.Errorf("page %d: no 第 N 页 共 M 页", i+1)
			}
			// two pages wide: the left page has the title and the first
			// columns, the right one the last columns, each with the header
			left := strings.Contains(squeeze(p), "乌兰镇巴彦嘎查入户排查表（监测户）") && strings.Contains(p, "户编号")
			right := strings.Contains(p, "整户无劳动能力兜底保障户")
			if !left && !right {
				t.Errorf("page %d: neither the title and header nor the header's last columns:\n%s", i+1, p)
			}
		}
		if last := squeeze(pages[len(pages)-1]); !strings.Contains(last, "成员89") && !strings.Contains(last, "整户无劳动能力兜底保障户") {
			t.Errorf("the last page holds neither the last person nor the last column")
		}
	})
}
