package rules

import (
	"context"
	"database/sql"
	"fmt"
)

// The verdict vocabulary of SPEC §5.2, as the rules write it and the
// outputs and `paicha explain` read it. The SQL reads it from the one-row
// table verdict_text (setVerdictText), never from literals of its own.
const (
	Eliminate = "风险消除" // 建议 when every condition holds
	Keep      = "暂不消除" // 建议 otherwise
)

// ElimReason is one condition of risk elimination that can fail.
type ElimReason struct {
	Column string // the boolean column of the table elimination, TRUE when it fails
	text   string // the 原因 phrase; %d is elimination.months where it has one
}

// Text is the 原因 phrase for the parameters p.
func (r ElimReason) Text(p Params) string {
	if r.Column == "fails_months" {
		return fmt.Sprintf(r.text, p.ElimMonths)
	}
	return r.text
}

// ElimReasons are the conditions in the order 原因 lists them.
var ElimReasons = []ElimReason{
	{"fails_income", "收入未稳定超过监测范围"},
	{"fails_guarantee", "三保障或饮水未巩固"},
	{"fails_months", "监测不满%d个月"},
	{"fails_fallback", "无劳动能力兜底户，持续跟踪监测"},
}

// setVerdictText writes the vocabulary into verdict_text: eliminate, keep,
// and each reason's phrase under its column's name.
func setVerdictText(ctx context.Context, conn *sql.Conn, p Params) error {
	cols := "?::VARCHAR AS eliminate, ?::VARCHAR AS keep"
	args := []any{Eliminate, Keep}
	for _, r := range ElimReasons {
		cols += ", ?::VARCHAR AS " + r.Column
		args = append(args, r.Text(p))
	}
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TABLE verdict_text AS SELECT `+cols, args...); err != nil {
		return fmt.Errorf("rules: verdict_text: %w", err)
	}
	return nil
}
