package normalize

import (
	"strings"
	"unicode/utf8"
)

// Name normalises a person's name for comparison (SPEC §2): Fold, then
// remove all white space and the middle dots minority names carry in
// different forms: · (U+00B7) • (U+2022) . ． (U+FF0E) ‧ (U+2027) ・ (U+30FB)
// and its narrow form ･ (U+FF65), and ● (U+25CF), ⋅ (U+22C5), ∙ (U+2219)
// that input methods also produce. "额尔德木图·吉日嘎拉" and
// "额尔德木图.吉日嘎拉" both become "额尔德木图吉日嘎拉".
//
// A name that needs no change is returned without allocating.
func Name(raw string) string { return FoldedName(Fold(raw)) }

// FoldedName is Name of text that Fold returned already, which it does not
// fold again (Fold(Fold(s)) == Fold(s)): the readers fold every name they
// load.
func FoldedName(s string) string {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != '.' && !asciiSpace(c) {
			i++
			continue
		}
		if cjkAt(s, i) {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isNameDrop(r) {
			return strings.Map(func(r rune) rune {
				if isNameDrop(r) {
					return -1
				}
				return r
			}, s)
		}
		i += size
	}
	return s
}

func isNameDrop(r rune) bool {
	switch r {
	case '\u00B7', '\u2022', '.', '\uFF0E', '\u2027', '\u30FB', '\uFF65', '\u25CF', '\u22C5', '\u2219':
		return true
	}
	return isInvisibleOrSpace(r)
}

// Canonical values of SPEC §3.
const (
	HouseholdTuopin  = "脱贫户"
	HouseholdJiance  = "监测户"
	HouseholdYiban   = "一般户"
	StatusNormal     = "正常"
	StatusDead       = "死亡"
	StatusMovedOut   = "迁出"
	LaborOrdinary    = "普通劳动力"
	LaborSkilled     = "技能劳动力"
	LaborWeak        = "弱劳动力或半劳动力"
	LaborLost        = "丧失劳动力"
	LaborNone        = "无劳动力"
	HealthHealthy    = "健康"
	HealthChronic    = "长期慢性病"
	HealthSerious    = "患有大病"
	HealthDisability = "残疾"
)

// HouseholdType returns the canonical 户类型 — 脱贫户, 监测户 or 一般户 — of
// a cell. Blank is 一般户; 一般农户, 一般农牧户 and 普通农户 are 一般户. Any other value
// gives ok=false (the household's rows are rejected with that reason).
func HouseholdType(raw string) (string, bool) {
	switch compact(raw) {
	case "", "一般户", "一般农户", "一般农牧户", "普通农户":
		return HouseholdYiban, true
	case "脱贫户":
		return HouseholdTuopin, true
	case "监测户":
		return HouseholdJiance, true
	}
	return "", false
}

// YesNo reads the 是/否 cells of the survey, also written 有保障/无保障,
// 达标/不达标, 安全/不安全. Blank or anything else gives ok=false.
func YesNo(raw string) (yes bool, ok bool) {
	switch compact(raw) {
	case "是", "有保障", "达标", "安全":
		return true, true
	case "否", "无保障", "不达标", "不安全":
		return false, true
	}
	return false, false
}

// Labor returns the canonical 劳动能力/劳动技能 value — 普通劳动力,
// 技能劳动力, 弱劳动力或半劳动力, 丧失劳动力 or 无劳动力 — or "" for a blank
// or unknown cell. 弱劳动力 and 半劳动力 alone map to 弱劳动力或半劳动力,
// 丧失劳动能力 to 丧失劳动力, 无劳动能力 to 无劳动力; a bracketed remark
// after the value ("无劳动力(在校生)") is ignored.
func Labor(raw string) string {
	s := compact(raw)
	if v, ok := laborValue(s); ok {
		return v
	}
	if base, ok := cutRemark(s); ok {
		if v, ok := laborValue(base); ok {
			return v
		}
	}
	return ""
}

func laborValue(s string) (string, bool) {
	switch s {
	case "普通劳动力":
		return LaborOrdinary, true
	case "技能劳动力":
		return LaborSkilled, true
	case "弱劳动力或半劳动力", "弱劳动力", "半劳动力", "弱或半劳动力", "弱劳动力/半劳动力":
		return LaborWeak, true
	case "丧失劳动力", "丧失劳动能力":
		return LaborLost, true
	case "无劳动力", "无劳动能力":
		return LaborNone, true
	}
	return "", false
}

// cutRemark strips a trailing bracketed remark: "迁出(外嫁)" → "迁出".
// Brackets are narrow after Fold.
func cutRemark(s string) (string, bool) {
	if i := strings.IndexAny(s, "(["); i > 0 && (strings.HasSuffix(s, ")") || strings.HasSuffix(s, "]")) {
		return s[:i], true
	}
	return "", false
}

// healthTerms are searched in a 健康状况 cell; the earliest match wins.
var healthTerms = [...]struct{ term, value string }{
	{"大病", HealthSerious},
	{"慢性病", HealthChronic},
	{"残疾", HealthDisability},
	{"健康", HealthHealthy},
}

// Health returns the canonical 健康状况 — 健康, 长期慢性病, 患有大病 or 残疾 —
// of a cell, or "" when it names none. A cell naming several
// ("长期慢性病,残疾") gives the one written first.
func Health(raw string) string {
	s := compact(raw)
	best, at := "", len(s)+1
	for _, t := range healthTerms {
		if i := strings.Index(s, t.term); i >= 0 && i < at {
			best, at = t.value, i
		}
	}
	return best
}

// DisabilityGrade returns the 残疾等级 1..4 of a cell: "一级".."四级",
// "1".."4", "1级", "一级残疾", "肢体二级", "Ⅲ级"; 0 for anything else
// (blank, 无, an unknown grade).
func DisabilityGrade(raw string) int {
	s := compact(raw)
	if n, ok := ParseInt(s); ok {
		if n >= 1 && n <= 4 {
			return n
		}
		return 0
	}
	switch s {
	case "一", "二", "三", "四":
		return gradeDigit(s)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if strings.HasPrefix(s[i+size:], "级") {
			if g := gradeDigit(string(r)); g > 0 {
				return g
			}
		}
		i += size
	}
	return 0
}

func gradeDigit(s string) int {
	switch s {
	case "1", "一", "壹", "Ⅰ", "ⅰ":
		return 1
	case "2", "二", "贰", "Ⅱ", "ⅱ":
		return 2
	case "3", "三", "叁", "Ⅲ", "ⅲ":
		return 3
	case "4", "四", "肆", "Ⅳ", "ⅳ":
		return 4
	}
	return 0
}

// PersonStatus returns the canonical 人员状态 — 正常, 死亡 or 迁出. Blank
// is 正常; 已死亡, 死亡注销, 去世, 已故 are 死亡; 已迁出, 外迁, 户籍迁出 (any value
// containing 迁出) are 迁出; a bracketed remark ("迁出(外嫁)") is ignored.
// Anything else gives ok=false.
func PersonStatus(raw string) (string, bool) {
	s := compact(raw)
	if v, ok := statusValue(s); ok {
		return v, true
	}
	if base, ok := cutRemark(s); ok {
		return statusValue(base)
	}
	return "", false
}

func statusValue(s string) (string, bool) {
	switch s {
	case "", "正常", "在册":
		return StatusNormal, true
	case "外迁", "已外迁":
		return StatusMovedOut, true
	case "去世", "已去世", "已故", "病故":
		return StatusDead, true
	}
	switch {
	case strings.Contains(s, "死亡"):
		return StatusDead, true
	case strings.Contains(s, "迁出"):
		return StatusMovedOut, true
	}
	return "", false
}

// PaymentFailed reports whether a 一卡通 发放状态 means the money did not
// reach the person: 失败, 退回, 未发放 and their forms (发放失败, 已退回,
// 退回重发). Blank and anything else (已发放, 成功, …) are money received.
func PaymentFailed(status string) bool {
	s := compact(status)
	return strings.Contains(s, "失败") || strings.Contains(s, "退回") || strings.Contains(s, "未发放")
}

// IsSummaryLabel reports whether a cell marks a summary row: it contains
// 合计, 小计 or 总计, also when spaced out for alignment ("合　计").
func IsSummaryLabel(cell string) bool {
	s := compact(cell)
	return strings.Contains(s, "合计") || strings.Contains(s, "小计") || strings.Contains(s, "总计")
}
