package write

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The render test prints a village notice and a township workbook the way a
// township does, through LibreOffice to PDF (Debian: libreoffice-calc-nogui,
// poppler-utils and fonts-noto-cjk, which .ci/run installs), and reads the
// pages back: one page wide, the title whole on page 1, the header again on
// page 2 of a long list, 第 N 页 共 M 页 at the foot. `make test-render` runs
// it alone.

// renderTools returns soffice, or skips the test where LibreOffice or
// poppler is missing; in CI (CI=true) a missing tool fails it.
func renderTools(t *testing.T) string {
	t.Helper()
	var missing []string
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		missing = append(missing, "soffice (libreoffice-calc-nogui)")
	}
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool+" (poppler-utils)")
		}
	}
	if len(missing) > 0 {
		msg := "render test needs " + strings.Join(missing, ", ") +
			": apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils fonts-noto-cjk"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return soffice
}

// toPDF converts a workbook to PDF beside it and returns the pages' text.
func toPDF(t *testing.T, soffice, xlsx string) []string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "book.xlsx") // a plain name: soffice's output is named after it
	b, err := os.ReadFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, b, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "pdf", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "book.pdf")
	if keep := os.Getenv("PAICHA_RENDER_KEEP"); keep != "" {
		// to look at the pages: PAICHA_RENDER_KEEP=/tmp/pages make test-render
		if b, err := os.ReadFile(pdf); err == nil {
			os.WriteFile(filepath.Join(keep, strings.TrimSuffix(filepath.Base(xlsx), ".xlsx")+".pdf"), b, 0o600)
		}
	}
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", pdf, err)
	}
	if !strings.Contains(string(info), "(A4)") || !landscape(string(info)) {
		t.Errorf("%s: not A4 landscape:\n%s", filepath.Base(xlsx), info)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(info))
	if m == nil {
		t.Fatalf("pdfinfo: no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	var pages []string
	for p := 1; p <= n; p++ {
		txt, err := exec.Command("pdftotext", "-layout", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		pages = append(pages, string(txt))
	}
	return pages
}

// landscape reads "Page size: 841.89 x 595.276 pts (A4)": wider than high.
func landscape(info string) bool {
	m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+)`).FindStringSubmatch(info)
	if m == nil {
		return false
	}
	w, _ := strconv.ParseFloat(m[1], 64)
	h, _ := strconv.ParseFloat(m[2], 64)
	return w > h
}

// pageNumber reads the footer 第 N 页 共 M 页 (0: none). M is the
// workbook's pages in LibreOffice, the sheet's in Excel: not checked.
func pageNumber(page string) int {
	m := regexp.MustCompile(`第(\d+)页共\d+页`).FindStringSubmatch(squeeze(page))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// squeeze drops the spaces pdftotext lays out between characters.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

func TestRender(t *testing.T) {
	soffice := renderTools(t)
	// a long village (80 candidates: more than a page) and a long township list
	var cands [][]string
	for i := range 80 {
		r := append([]string(nil), candRows[0]...)
		r[2] = fmt.Sprintf("15052100100100%02d", i)
		r[3] = "阿拉坦其其格" + strconv.Itoa(i)
		cands = append(cands, r)
	}
	var notice [][]string
	for _, r := range cands {
		notice = append(notice, []string{r[0], r[1], "0", r[3], r[4], r[7], r[6]})
	}
	dir := written(t, func(o *Output) {
		o.Lists[0].Rows = rowsOf(candCols, cands)
		o.Notices.Rows = rowsOf(make([]Column, NoticeColumns), notice)
	})

	t.Run("notice", func(t *testing.T) {
		pages := toPDF(t, soffice, filepath.Join(dir, "public", "乌兰镇", "巴彦嘎查-公示.xlsx"))
		// 新识别监测对象公示 takes pages 1 and 2 at least, 风险消除公示 the last
		if len(pages) < 3 {
			t.Fatalf("%d pages, want the long notice on 2 or more and 风险消除公示 after", len(pages))
		}
		title := "巴彦嘎查2023年拟纳入防返贫监测对象名单公示"
		if !strings.Contains(pages[0], title) {
			t.Errorf("page 1: the title %q is not whole on one line:\n%s", title, pages[0])
		}
		if !strings.Contains(squeeze(pages[0]), "公示期：2023年5月16日至2023年5月20日（共5天）") {
			t.Errorf("page 1: no 公示期:\n%s", pages[0])
		}
		for i, p := range pages {
			// each notice counts its own pages: 风险消除公示 starts again at 1
			want := i + 1
			if i == len(pages)-1 {
				want = 1
			}
			if n := pageNumber(p); n != want {
				t.Errorf("page %d: footer page number %d, want 第 %d 页 (共 M 页):\n%s", i+1, n, want, p)
			}
			if !headerLine(p, noticeHeader) {
				t.Errorf("page %d: the header %v is not on one line (repeated, one page wide):\n%s", i+1, noticeHeader, p)
			}
		}
		if !strings.Contains(pages[1], "阿拉坦其其格79") && !strings.Contains(pages[len(pages)-2], "阿拉坦其其格79") {
			t.Errorf("the last candidate is on no page before 风险消除公示")
		}
		last := squeeze(pages[len(pages)-1])
		for _, want := range []string{"巴彦嘎查2023年拟标注风险消除监测对象名单公示", "如有异议，请在公示期内向乌兰镇人民政府反映。", "监督电话：0476-1234567", "乌兰镇人民政府2023年5月16日"} {
			if !strings.Contains(last, want) {
				t.Errorf("last page: no %q:\n%s", want, pages[len(pages)-1])
			}
		}
	})

	t.Run("township", func(t *testing.T) {
		pages := toPDF(t, soffice, filepath.Join(dir, "townships", "乌兰镇.xlsx"))
		// every page shows the first and the last column of its sheet: no
		// column spilled on to a page of its own
		sheets := [][]string{{"乡镇", "候选合计"}, names(candCols), names(elimCols), names(discCols)}
		long := 0
		for i, p := range pages {
			ok := false
			for _, s := range sheets {
				if strings.Contains(p, s[0]) && strings.Contains(p, s[len(s)-1]) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("page %d: no sheet's first and last column on it (printed more than one page wide?):\n%s", i+1, p)
			}
			if headerLine(p, names(candCols)) {
				long++
			}
			if pageNumber(p) == 0 {
				t.Errorf("page %d: no page number 第 N 页 共 M 页", i+1)
			}
		}
		if long < 2 {
			t.Errorf("the candidates' header is on %d pages, want it repeated on each of the list's 2 or more", long)
		}
	})
}

func names(cols []Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Name)
	}
	return out
}

// headerLine reports whether one line of page holds every name, in order.
func headerLine(page string, hdr []string) bool {
	for _, line := range strings.Split(page, "\n") {
		rest, ok := line, true
		for _, h := range hdr {
			i := strings.Index(rest, h)
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+len(h):]
		}
		if ok {
			return true
		}
	}
	return false
}
