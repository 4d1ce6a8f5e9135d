package explain

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/paicha/paicha/rules"
)

// verdicts reads the §5.1 and §5.2 verdicts the rules left for h.
func (db *DB) verdicts(ctx context.Context, h *Household) error {
	in := &h.Income
	var typ, factors string
	err := db.sql.QueryRowContext(ctx, `SELECT candidate_type, risk_factors FROM candidates WHERE hh_key = ?`, h.Key).Scan(&typ, &factors)
	switch {
	case err == nil:
		c := &Candidate{Type: typ, Factors: split(factors, "、"), Clause: clause("CANDIDATES")}
		switch typ {
		case "突发严重困难户":
			c.Why = fmt.Sprintf("总收入 %s ≥ 监测线×人口 %s，但扣除合规自付支出后纯收入 %s < %s（刚性医疗支出致收入低于监测线）", in.Gross, in.Threshold, in.Net, in.Threshold)
		default:
			c.Why = fmt.Sprintf("总收入 %s < 监测线×人口 %s，户类型为%s", in.Gross, in.Threshold, h.Type)
		}
		h.Candidate = c
	case errors.Is(err, sql.ErrNoRows):
	default:
		return fmt.Errorf("explain: candidates: %w", err)
	}

	var since, due, advice string
	var fallback, labor, severe, elderly, ill bool
	var cols []string
	for _, r := range rules.ElimReasons {
		cols = append(cols, "coalesce(e."+r.Column+", false)", "v."+r.Column)
	}
	failed := make([]bool, len(rules.ElimReasons))
	texts := make([]string, len(rules.ElimReasons))
	dst := []any{&advice, &since, &due, &fallback, &labor, &severe, &elderly, &ill}
	for i := range rules.ElimReasons {
		dst = append(dst, &failed[i], &texts[i])
	}
	err = db.sql.QueryRowContext(ctx, `SELECT e.advice, coalesce(e.monitor_since::VARCHAR, ''),
			coalesce(CAST(e.monitor_since + to_months(p.elim_months) AS DATE)::VARCHAR, ''),
			coalesce(e.fallback, false), coalesce(m.has_labor, false), coalesce(m.has_severe_disability, false),
			coalesce(m.has_elderly, false), coalesce(m.has_illness, false), `+strings.Join(cols, ", ")+`
		FROM elimination e CROSS JOIN params p CROSS JOIN verdict_text v LEFT JOIN hh_members m ON m.hh_key = e.hh_key
		WHERE e.hh_key = ?`, h.Key).Scan(dst...)
	switch {
	case err == nil:
		e := &Elimination{Advice: advice, Clause: clause("ELIMINATION")}
		p := db.paramsCache
		var g []string
		for _, name := range guaranteeNames {
			v := h.Guarantees[name]
			if v == "" {
				v = "空（无法确认）"
			}
			g = append(g, name+" "+v)
		}
		var doudi []string
		if fallback {
			doudi = append(doudi, "排查表标注整户无劳动能力兜底保障户")
		}
		if !labor {
			doudi = append(doudi, "无普通或技能劳动力成员")
		} else {
			doudi = append(doudi, "有普通或技能劳动力成员")
		}
		if severe {
			doudi = append(doudi, "有一级或二级残疾成员")
		}
		if elderly {
			doudi = append(doudi, "有年满"+p.OldAge+"岁成员")
		}
		if ill {
			doudi = append(doudi, "有患大病或长期慢性病成员")
		}
		sinceFacts := "纳入监测时间为空，无法证明监测月数"
		if since != "" {
			sinceFacts = fmt.Sprintf("纳入监测 %s，满%s个月为 %s，排查日期 %s 须晚于该日", since, p.ElimMonths, due, p.AsOf)
		}
		facts := map[string]string{
			"fails_income":    fmt.Sprintf("纯收入 %s，监测线×人口 %s", in.Net, in.Threshold),
			"fails_guarantee": strings.Join(g, "，"),
			"fails_months":    sinceFacts,
			"fails_fallback":  strings.Join(doudi, "，"),
		}
		for i, r := range rules.ElimReasons {
			e.Reasons = append(e.Reasons, Reason{Text: texts[i], Facts: facts[r.Column], Holds: !failed[i]})
		}
		h.Elimination = e
	case errors.Is(err, sql.ErrNoRows):
	default:
		return fmt.Errorf("explain: elimination: %w", err)
	}

	if h.Candidate == nil && h.Elimination == nil {
		switch {
		case in.N == 0:
			h.NotListed = "家庭人口数（人员状态为“正常”的成员）为 0：不分类，仅在疑点中报告家庭人口数不符（SPEC §4）"
		case h.Monitored:
			h.NotListed = "监测对象，但未列入风险消除建议"
		case !in.GrossBelow && !in.NetBelow:
			h.NotListed = fmt.Sprintf("不是监测对象；总收入 %s 与纯收入 %s 均不低于监测线×人口 %s，不列为候选", in.Gross, in.Net, in.Threshold)
		default:
			h.NotListed = fmt.Sprintf("不是监测对象；总收入 %s 低于监测线×人口 %s，但户类型“%s”不是脱贫户或一般户，不属于 SPEC §5.1 的候选类型", in.Gross, in.Threshold, h.Type)
		}
	}
	return nil
}

func split(s, sep string) []string {
	out := []string{}
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
