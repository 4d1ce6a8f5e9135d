package normalize

import (
	"sort"
	"strings"
)

// The values of the survey fields SPEC §3.3.1 added. Each returns the
// canonical value and ok=false for a non-blank cell outside the field's
// list, which the reader keeps as blank and counts (SPEC §3 unknown_values).

// MonitorType returns 监测对象类别 — 脱贫不稳定户, 边缘易致贫户 or
// 突发严重困难户 — or "" for any other value (kept as blank, SPEC §3).
func MonitorType(raw string) string {
	switch s := compact(raw); s {
	case "脱贫不稳定户", "边缘易致贫户", "突发严重困难户":
		return s
	}
	return ""
}

// Sex reads 性别: 男/女, or the national system's codes 1 (男) and 2 (女).
func Sex(raw string) (sex string, ok bool) {
	switch s := compact(raw); s {
	case "":
		return "", true
	case "男", "1", "男性":
		return "男", true
	case "女", "2", "女性":
		return "女", true
	}
	return "", false
}

// relationWithZhi maps the relations of SPEC §5.4 (C_RELATION_*) and the
// national system's list written without their 之 to the form with it.
var relationWithZhi = map[string]string{}

func init() {
	for _, r := range strings.Fields(`子 女 儿媳 女婿 孙子 孙女 外孙子 外孙女 父 母 公公 婆婆 岳父 岳母 祖父 祖母
		外祖父 外祖母 兄弟姐妹 兄弟媳妇 侄儿 侄女 叔伯 曾孙子 曾孙女`) {
		relationWithZhi[r] = "之" + r
	}
	for bare, with := range map[string]string{"儿子": "之子", "女儿": "之女", "父亲": "之父", "母亲": "之母"} {
		relationWithZhi[bare] = with
	}
}

// Relation returns 与户主关系 in its canonical form (SPEC §9): 本人 and 户主本人
// are 户主, 妻子 and 丈夫 配偶, a relation written without 之 gets it
// (儿子 → 之子, 女儿 → 之女, 父亲 → 之父, 母亲 → 之母, 岳父 → 之岳父). Any
// other value is returned as written (folded, no spaces).
func Relation(raw string) string {
	s := compact(raw)
	switch s {
	case "户主", "配偶":
		return s
	case "本人", "户主本人":
		return "户主"
	case "妻子", "丈夫", "妻", "夫":
		return "配偶"
	}
	if with, ok := relationWithZhi[s]; ok {
		return with
	}
	return s
}

// Certificate reads a 残疾人证号 (SPEC §3.3.1): the 18-character ID and then
// the 残疾类别 and 等级, one digit each (20 characters) or two (22). ok is
// false when the cell is not such a certificate; category and grade are 0
// when their digits are outside 1–7 and 1–4 (kept as blank).
func Certificate(raw string) (category, grade int, ok bool) {
	s := compact(raw)
	if len(s) != 20 && len(s) != 22 || !idShape(s[:18]) || !allDigitsStr(s[18:]) {
		return 0, 0, false
	}
	tail := s[18:]
	half := len(tail) / 2
	category, grade = atoi(tail[:half]), atoi(tail[half:])
	if category < 1 || category > 7 {
		category = 0
	}
	if grade < 1 || grade > 4 {
		grade = 0
	}
	return category, grade, true
}

// Enrolled reads the 是/否 person columns (参保, 养老保险). Blank gives
// ok=true, valid=false.
func Enrolled(raw string) (yes, valid, ok bool) {
	switch compact(raw) {
	case "":
		return false, false, true
	case "是", "已参加", "参加", "已参保", "参保":
		return true, true, true
	case "否", "未参加", "未参保":
		return false, true, true
	}
	return false, false, false
}

// Benefit reads 享受低保政策情况 / 享受特困供养政策情况 and their 是否 forms:
// 城市低保, 农村低保, 城市特困, 农村特困, 是 … are yes; 未享受, 不享受, 否 and
// blank no.
func Benefit(raw string) (yes, ok bool) {
	s := compact(raw)
	switch s {
	case "", "否", "未享受", "不享受", "无":
		return false, true
	case "是", "享受", "已享受":
		return true, true
	}
	if strings.Contains(s, "低保") || strings.Contains(s, "特困") || strings.Contains(s, "供养") {
		return true, true
	}
	return false, false
}

// DevStatus reads 实施开发式帮扶措施情况: 是/已实施 are implemented; 否,
// 尚未实施, 未实施 and blank are not.
func DevStatus(raw string) (implemented, ok bool) {
	switch compact(raw) {
	case "是", "已实施":
		return true, true
	case "", "否", "尚未实施", "未实施":
		return false, true
	}
	return false, false
}

// riskOrder is SPEC §3.3.1's list of risks, in its order; risks are stored
// joined with 、 in this order.
var riskOrder = []string{"因病", "因残", "因学", "因灾", "因意外事故", "因产业项目失败", "因务工就业不稳", "缺劳动力", "因安全住房", "因安全饮水", "其他"}

var riskAlias = map[string]string{"因自然灾害": "因灾", "因务工就业不稳定": "因务工就业不稳", "缺劳力": "缺劳动力"}

// Risks reads the 致贫/返贫风险 cells (one per column, or several separated
// by 、，, ; in one) into the canonical list joined with 、, and the values it
// did not know.
func Risks(cells ...string) (risks string, unknown []string) {
	var have [16]bool
	for _, c := range cells {
		for _, part := range SplitList(c) {
			if a, ok := riskAlias[part]; ok {
				part = a
			}
			found := false
			for i, r := range riskOrder {
				if part == r {
					have[i], found = true, true
				}
			}
			if !found {
				unknown = append(unknown, part)
			}
		}
	}
	var out []string
	for i, r := range riskOrder {
		if have[i] {
			out = append(out, r)
		}
	}
	return strings.Join(out, "、"), unknown
}

// SplitList splits a cell listing several values (measures, risks) at
// 、，,;； and spaces (、 folds to the half-width ､), dropping blanks.
func SplitList(cell string) []string {
	s := Fold(cell)
	if s == "" {
		return nil
	}
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == '､' || r == ',' || r == ';' || r == '，' || r == '；' || isInvisibleOrSpace(r)
	})
}

// ListKey is a list cell as a set, for comparing two cells that list the
// same values in another order or with other separators.
func ListKey(cell string) string {
	parts := SplitList(cell)
	sort.Strings(parts)
	return strings.Join(parts, "、")
}

// Compact is the key enumeration values are matched on: folded, no spaces.
func Compact(s string) string { return compact(s) }
