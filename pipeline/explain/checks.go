package explain

import (
	"context"
	"fmt"
)

// Check is one data-check finding (SPEC §5.4) about the household, one of
// its members, or its village (C_SCALE_RISK), as checks.csv shows it.
type Check struct {
	Code   string `json:"code"`
	Title  string `json:"title"` // 问题
	Level  string `json:"level"` // 错误, 疑点 or 提示
	ID     string `json:"id"`    // person checks only
	Name   string `json:"name"`
	Detail string `json:"detail"` // 说明
	Source string `json:"source"` // 来源: 文件 [工作表] 第N行; "" for a village
	Clause string `json:"clause"`
}

// checks reads the findings of the data checks for household key and its
// village from check_finding, in checks.csv's order. A run database kept
// before the checks existed has none.
func (db *DB) checks(ctx context.Context, h *Household) ([]Check, error) {
	out := []Check{}
	if ok, err := db.hasTable(ctx, "check_finding"); err != nil || !ok {
		return out, err
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT "检查编码", "问题", "级别", "身份证号", "姓名", "说明", "来源"
		FROM out_checks
		WHERE "户编号" = ? OR ("户编号" = '' AND "乡镇" = ? AND "村" = ?)`, h.Key, h.Township, h.Village)
	if err != nil {
		return nil, fmt.Errorf("explain: checks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Check
		if err := rows.Scan(&c.Code, &c.Title, &c.Level, &c.ID, &c.Name, &c.Detail, &c.Source); err != nil {
			return nil, fmt.Errorf("explain: checks: %w", err)
		}
		c.Clause = clause(c.Code)
		out = append(out, c)
	}
	return out, rows.Err()
}

// checks writes the household's data-check findings with their 说明.
func (t *textW) checks(cs []Check) {
	if len(cs) == 0 {
		t.f("  ▶ 数据核实：无")
		return
	}
	t.f("  ▶ 数据核实 %d 条：", len(cs))
	for _, c := range cs {
		who := "本户"
		switch {
		case c.ID != "":
			who = c.Name + " " + c.ID
		case c.Source == "":
			who = "本村"
		}
		src := ""
		if c.Source != "" {
			src = " — " + c.Source
		}
		t.f("    %s %s（%s）%s：%s%s", c.Code, c.Title, c.Level, who, c.Detail, src)
		t.f("      依据：%s", c.Clause)
	}
}
