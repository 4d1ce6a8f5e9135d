package explain

import (
	"context"
	"fmt"
)

// ListRow is a row of a department list (SPEC §3.5) naming a listed person:
// where it was read, what it says and what it changed in this run.
type ListRow struct {
	List   string `json:"list"` // 公安, 民政, 残联, 教育 or a [[lists]] block's label
	Source Source `json:"source"`
	ID     string `json:"id"`
	Name   string `json:"name"`
	Says   string `json:"says"`
	Effect string `json:"effect"` // what it changed, or why it changed nothing
}

// listRowsSQL gathers, for the IDs ($ids) of one household ($hh), every
// department list row naming one of them (an aid row that stands for the
// 户主's household names them all), with what it changed. The effects are
// read from the tables the rules left (police_counted, aid_counted,
// disability_counted, list_grade, list_hit, key_household, discrepancy),
// so they are this run's.
const listRowsSQL = `
WITH ids AS (SELECT unnest(?::VARCHAR[]) AS id),
     hh AS (SELECT ?::VARCHAR AS hh_key),
     pr AS (SELECT * FROM params),
found AS (
    SELECT '公安' AS list, x.file_ord, x.sheet_ord, x.src_row, x.id, x.name,
           x.change || coalesce(' ' || x.change_date, '') || coalesce('，迁往 ' || nullif(x.destination, ''), '') AS says,
           CASE WHEN x.change_date > (SELECT as_of FROM pr) THEN '晚于排查日期，未计入'
                WHEN EXISTS (SELECT 1 FROM discrepancy d WHERE d.id = x.id
                             AND d.code = CASE x.change WHEN '死亡' THEN 'DEATH_NOT_MARKED' ELSE 'MOVED_NOT_MARKED' END)
                     THEN '排查表仍为正常：' || CASE x.change WHEN '死亡' THEN 'DEATH_NOT_MARKED' ELSE 'MOVED_NOT_MARKED' END
                          || '（不改变家庭人口数）'
                ELSE '排查表已标注' END
             || CASE WHEN x.change = '死亡' AND EXISTS (SELECT 1 FROM discrepancy d WHERE d.id = x.id AND d.code = 'PAID_AFTER_DEATH')
                     THEN '；PAID_AFTER_DEATH' ELSE '' END AS effect
    FROM police x JOIN ids USING (id)
    UNION ALL
    SELECT '民政', a.file_ord, a.sheet_ord, a.src_row, a.id, a.name,
           a.category_raw || coalesce(' ' || a.start_date, '') || coalesce(' 至 ' || a.end_date, '')
             || CASE WHEN a.whole_household THEN '（全户）' ELSE '' END,
           CASE WHEN c.src_row IS NULL THEN
                    CASE WHEN a.category = '临时救助' THEN '不在收入测算周期内，未计入' ELSE '排查日期不在保障期内，未计入' END
                ELSE '计入：' || concat_ws('、',
                    CASE WHEN EXISTS (SELECT 1 FROM discrepancy d, hh WHERE d.hh_no = hh.hh_key AND d.code = 'AID_NOT_MONITORED') THEN 'AID_NOT_MONITORED' END,
                    CASE WHEN EXISTS (SELECT 1 FROM discrepancy d WHERE d.id = a.id AND d.code = 'AID_STATUS_MISMATCH') THEN 'AID_STATUS_MISMATCH' END,
                    CASE WHEN a.category = '特困' THEN '重点户3' WHEN a.category = '低保' THEN '重点户4' ELSE '重点户8' END) END
    FROM aid a
    LEFT JOIN aid_counted c USING (file_ord, sheet_ord, src_row)
    WHERE a.id IN (SELECT id FROM ids)
       OR (a.whole_household AND a.id IN (SELECT p.id FROM person p, hh WHERE p.hh_key = hh.hh_key))
    UNION ALL
    SELECT '残联', x.file_ord, x.sheet_ord, x.src_row, x.id, x.name,
           concat_ws(' ', nullif(x.category, ''), CASE WHEN x.grade BETWEEN 1 AND 4 THEN ['一','二','三','四'][x.grade] || '级' END,
                     CASE WHEN x.issued IS NOT NULL THEN '发证 ' || x.issued END),
           CASE WHEN x.issued > (SELECT as_of FROM pr) THEN '晚于排查日期发证，未计入'
                ELSE concat_ws('；',
                    CASE WHEN EXISTS (SELECT 1 FROM person p, hh WHERE p.hh_key = hh.hh_key AND p.id = x.id
                                      AND coalesce(p.disability, 0) = 0 AND x.grade BETWEEN 1 AND 4)
                         THEN '排查表未填残疾等级，以残联等级计因残和兜底' END,
                    CASE WHEN EXISTS (SELECT 1 FROM discrepancy d WHERE d.id = x.id AND d.code = 'DISABILITY_MISMATCH')
                         THEN 'DISABILITY_MISMATCH' END,
                    '计入') END
    FROM disability x JOIN ids USING (id)
    UNION ALL
    SELECT '教育', x.file_ord, x.sheet_ord, x.src_row, x.id, x.name,
           CASE WHEN x.dropout THEN '辍学' || coalesce('：' || nullif(x.reason, ''), '') ELSE '在校 ' || coalesce(x.stage, '') END,
           CASE WHEN x.dropout THEN
                    CASE WHEN EXISTS (SELECT 1 FROM discrepancy d WHERE d.id = x.id AND d.code = 'DROPOUT_SUSPECT')
                         THEN 'DROPOUT_SUSPECT' ELSE '未成疑点（学龄不在6–15岁或义务教育保障不为是）' END
                WHEN EXISTS (SELECT 1 FROM key_household k, hh WHERE k.hh_key = hh.hh_key AND k.category = 6)
                    THEN '重点户6' ELSE '无' END
    FROM school x JOIN ids USING (id)
    UNION ALL
    SELECT d.label, r.file_ord, r.sheet_ord, r.src_row, r.id, r.name,
           concat_ws(' ', nullif(r.where_value, ''), CASE WHEN r.row_date IS NOT NULL THEN r.row_date::VARCHAR END),
           CASE WHEN h.src_row IS NULL THEN '不在名单的范围、日期或筛选条件内，未计入'
                WHEN d.use = 'asset' THEN '核对疑点：' || d.label || '（' || d.code || '）'
                WHEN d.use = 'discrepancy' THEN '疑点 ' || d.code
                WHEN d.use = 'risk' THEN '风险因素加“' || d.use_arg || '”'
                ELSE map_extract(MAP {'edu': '义务教育保障', 'med': '基本医疗保障', 'house': '住房安全保障', 'water': '饮水安全保障'},
                                 d.use_arg)[1] || '视为否' END
    FROM list_row r JOIN ids USING (id)
    JOIN list_decl d ON d.code = r.code
    LEFT JOIN (SELECT DISTINCT l.code, l.file_ord, l.sheet_ord, l.src_row FROM list_hit l, hh WHERE l.hh_key = hh.hh_key) h
           ON h.code = r.code AND h.file_ord = r.file_ord AND h.sheet_ord = r.sheet_ord AND h.src_row = r.src_row
)
SELECT f.list, coalesce(s.src_file, ''), coalesce(s.src_sheet, ''), f.src_row, f.id, coalesce(f.name, ''), coalesce(f.says, ''), f.effect
FROM found f LEFT JOIN source s USING (file_ord, sheet_ord)
ORDER BY f.file_ord, f.sheet_ord, f.src_row`

// listRows: the department list rows naming the household's persons (none
// in a database of a run before the lists).
func (db *DB) listRows(ctx context.Context, hhKey string, ids []string) ([]ListRow, error) {
	if ok, err := db.hasTable(ctx, "list_hit"); err != nil || !ok {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, listRowsSQL, ids, hhKey)
	if err != nil {
		return nil, fmt.Errorf("explain: department lists: %w", err)
	}
	defer rows.Close()
	var out []ListRow
	for rows.Next() {
		var r ListRow
		if err := rows.Scan(&r.List, &r.Source.File, &r.Source.Sheet, &r.Source.Row, &r.ID, &r.Name, &r.Says, &r.Effect); err != nil {
			return nil, fmt.Errorf("explain: department lists: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
