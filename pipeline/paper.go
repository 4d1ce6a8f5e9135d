package pipeline

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"strings"

	"github.com/paicha/paicha/pipeline/write"
)

//go:embed paper.sql
var paperSQL string

// OutChecks is the data checks' view (SPEC §5.4); the 问题整改台账 takes
// its 错误 and 疑点 rows when it exists.
const OutChecks = "out_checks"

// ledgerChecks joins the checks to the ledger, where paper.sql says /*CHECKS*/.
const ledgerChecks = `UNION ALL
    SELECT c."乡镇", c."村", c."户编号", coalesce(h.head_name, ''), c."姓名",
           '数据核实', c."问题", c."说明", c."检查编码", c."身份证号", c."来源"
    FROM out_checks c LEFT JOIN hh_income h ON h.hh_key = c."户编号"
    WHERE c."级别" IN ('错误', '疑点')`

// paperViews creates out_notices and out_ledger.
func paperViews(ctx context.Context, conn *sql.Conn) error {
	var checks bool
	if err := conn.QueryRowContext(ctx, `SELECT count(*) > 0 FROM duckdb_views() WHERE view_name = ?`, OutChecks).Scan(&checks); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	q := paperSQL
	if checks {
		q = strings.Replace(q, "/*CHECKS*/", ledgerChecks, 1)
	}
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("pipeline: paper.sql: %w", err)
	}
	return nil
}

// ledgerList is the 问题整改台账: township workbooks only, numbered, 乡镇
// routing the rows but kept off the sheet, room to write in the blank columns.
func ledgerList(ctx context.Context, conn *sql.Conn) (write.List, error) {
	cols, err := columns(ctx, conn, "out_ledger")
	if err != nil {
		return write.List{}, err
	}
	l := write.List{Sheet: "问题整改台账", InTownships: true, NotInReport: true, Numbered: true}
	for _, c := range cols {
		col := write.Column{Name: c, Kind: columnKinds[c], Hidden: c == "乡镇"}
		switch c {
		case "问题":
			col.Width, col.Wrap = 20, true
		case "说明":
			col.Width, col.Wrap = 40, true
		case "整改措施", "整改情况":
			col.Width = 24
		case "责任人", "整改时限":
			col.Width = 12
		}
		l.Columns = append(l.Columns, col)
	}
	l.Rows = streamView(conn, "out_ledger", len(cols))
	return l, nil
}

// notices are the village notices, with the terms of cfg's [public].
func notices(conn *sql.Conn, cfg Config) *write.Notices {
	year := cfg.Params.AsOf.Year()
	return &write.Notices{
		Sheets: []write.NoticeSheet{
			{Name: "新识别监测对象公示", Title: fmt.Sprintf("%d年拟纳入防返贫监测对象名单公示", year)},
			{Name: "风险消除公示", Title: fmt.Sprintf("%d年拟标注风险消除监测对象名单公示", year)},
		},
		Terms: func(township string) write.NoticeTerms {
			start, days, unit, phone := cfg.Params.NoticeTerms(township)
			return write.NoticeTerms{Start: start.Time, Days: days, Unit: unit, Phone: phone}
		},
		Rows: streamView(conn, "out_notices", write.NoticeColumns),
	}
}
