package pipeline

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/paicha/paicha/pipeline/changes"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// Column kinds by header, for the workbooks (CSV is text either way).
var columnKinds = map[string]write.Kind{
	"户编号": write.ID, "户主身份证号": write.ID, "身份证号": write.ID,
	"家庭人口数": write.Int, "行号": write.Int,
	"纯收入": write.Money, "理赔收入": write.Money, "合规自付支出": write.Money, "人均纯收入": write.Money,
	"申报人均纯收入": write.Money, "一卡通转移性收入": write.Money,
	"纳入监测时间": write.Date,
}

// outputs describes the lists of SPEC §6, each streamed from its view.
func outputs(ctx context.Context, conn *sql.Conn, cfg Config, rep *Report) (write.Output, error) {
	summary := write.Summary{Sheets: rep.Sheets, Notices: rep.Notices, Counts: rep.Counts, Parameters: cfg.Params.Summary()}
	if rep.Changes != nil {
		summary.Changes = &write.SummaryChange{Previous: rep.Previous, Counts: rep.Changes}
		if rep.Previous == "" {
			summary.Changes.Note = changes.NoPreviousRun
		}
	}
	sum, err := summary.JSON()
	if err != nil {
		return write.Output{}, err
	}
	withChanges := rep.Changes != nil
	changesTownships := ""
	if withChanges {
		changesTownships = ` UNION ALL SELECT "乡镇" FROM ` + changes.View
	}
	townships, err := queryStrings(ctx, conn, `SELECT DISTINCT "乡镇" FROM (
		SELECT "乡镇" FROM out_candidates UNION ALL SELECT "乡镇" FROM out_elimination
		UNION ALL SELECT "乡镇" FROM out_discrepancies UNION ALL SELECT "乡镇" FROM `+rules.OutChecks+changesTownships+`) WHERE "乡镇" <> '' ORDER BY 1`)
	if err != nil {
		return write.Output{}, err
	}
	lists := []write.List{
		{File: "candidates.csv", Sheet: "新识别监测对象候选", InTownships: true, CountBy: "候选类型",
			CountLabel: "候选", CountValues: []string{"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"}},
		{File: "elimination.csv", Sheet: "风险消除建议", InTownships: true, CountBy: "建议",
			CountLabel: "消除", CountValues: []string{rules.Eliminate, rules.Keep}},
		{File: "discrepancies.csv", Sheet: "疑点", InTownships: true, CountBy: "疑点类型", CountLabel: "疑点"},
		// SPEC §6.1: the data checks (数据核实), counted in 汇总 by 级别.
		{File: "checks.csv", Sheet: "数据核实", InTownships: true, CountBy: "级别",
			CountLabel: "数据核实", CountValues: []string{"错误", "疑点", "提示"}},
		{File: "rejects.csv", Sheet: "无法使用的输入行"},
	}
	views := []string{rules.OutCandidates, rules.OutElimination, rules.OutDiscrepancies, rules.OutChecks, "out_rejects"}
	if withChanges {
		lists = append(lists, write.List{File: "changes.csv", Sheet: "变化", InTownships: true, CountBy: "变化",
			CountLabel: "变化", CountValues: changes.Kinds})
		views = append(views, changes.View)
	}
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE VIEW out_rejects AS
		SELECT s.src_file AS "文件", s.src_sheet AS "工作表", r.src_row::VARCHAR AS "行号", r.kind AS "来源类型",
		       r.reason AS "原因", r.raw AS "原始内容"
		FROM reject r LEFT JOIN source s ON s.file_ord = r.file_ord AND s.sheet_ord = r.sheet_ord
		ORDER BY r.file_ord, r.sheet_ord, r.src_row`); err != nil {
		return write.Output{}, fmt.Errorf("pipeline: %w", err)
	}
	for i := range lists {
		cols, err := columns(ctx, conn, views[i])
		if err != nil {
			return write.Output{}, err
		}
		for _, c := range cols {
			lists[i].Columns = append(lists[i].Columns, write.Column{Name: c, Kind: columnKinds[c]})
		}
		lists[i].Rows = streamView(conn, views[i], len(cols))
	}
	// the paper work (SPEC §6.1): the 问题整改台账 and the village notices,
	// whose view keeps 风险因素, 核对疑点 and money off them
	if err := paperViews(ctx, conn); err != nil {
		return write.Output{}, err
	}
	ledger, err := ledgerList(ctx, conn)
	if err != nil {
		return write.Output{}, err
	}
	lists = append(lists, ledger)
	return write.Output{
		Dir:       cfg.Out,
		Formats:   cfg.Formats,
		Lists:     lists,
		Townships: townships,
		Notices:   notices(conn, cfg),
		Files:     map[string][]byte{"summary.json": sum},
	}, nil
}

func columns(ctx context.Context, conn *sql.Conn, view string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT * FROM `+view+` LIMIT 0`)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %s: %w", view, err)
	}
	defer rows.Close()
	return rows.Columns()
}

func queryStrings(ctx context.Context, conn *sql.Conn, q string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// streamView yields a view's rows (all VARCHAR) in its order.
func streamView(conn *sql.Conn, view string, ncol int) func(context.Context, func([]string) error) error {
	return func(ctx context.Context, yield func([]string) error) error {
		rows, err := conn.QueryContext(ctx, `SELECT * FROM `+view)
		if err != nil {
			return fmt.Errorf("pipeline: %s: %w", view, err)
		}
		defer rows.Close()
		vals := make([]sql.NullString, ncol)
		ptrs := make([]any, ncol)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		row := make([]string, ncol)
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return fmt.Errorf("pipeline: %s: %w", view, err)
			}
			for i, v := range vals {
				row[i] = v.String
			}
			if err := yield(row); err != nil {
				return err
			}
		}
		return rows.Err()
	}
}
