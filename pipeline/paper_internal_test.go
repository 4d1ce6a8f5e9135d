package pipeline

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// paperDB holds the output views paper.sql reads, as hand-made tables.
func paperDB(t *testing.T, withChecks bool) *sql.Conn {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	stmts := []string{
		`CREATE TABLE hh_income AS SELECT * FROM (VALUES
			('H1', '乌兰镇', '巴彦嘎查', 'A', 3), ('H2', '乌兰镇', '巴彦嘎查', 'B', 1),
			('H3', '乌兰镇', '巴彦嘎查', 'C', 2), ('H4', '乌兰镇', '空村', 'D', 4),
			('H5', '宝日镇', '新村', 'E', 5), ('H6', '', '无乡村', 'F', 1))
			t(hh_key, township, village, head_name, n)`,
		`CREATE TABLE out_candidates AS SELECT * FROM (VALUES
			('乌兰镇', '巴彦嘎查', 'H2', 'B', '150521199001011234', '1', '边缘易致贫户', ''),
			('乌兰镇', '巴彦嘎查', 'H1', 'A', '15052119850505123X', '3', '脱贫不稳定户', ''),
			('宝日镇', '新村', 'H5', 'E', '150521200012121212', '5', '脱贫不稳定户', '公安：已死亡'))
			t("乡镇", "村", "户编号", "户主姓名", "户主身份证号", "家庭人口数", "候选类型", "核对疑点")`,
		`CREATE TABLE out_elimination AS SELECT * FROM (VALUES
			('乌兰镇', '巴彦嘎查', 'H3', 'C', '150521195001011234', '边缘易致贫户', '风险消除', ''),
			('宝日镇', '新村', 'H5', 'E', '150521200012121212', '脱贫不稳定户', '暂不消除', ''))
			t("乡镇", "村", "户编号", "户主姓名", "户主身份证号", "监测对象类型", "建议", "核对疑点")`,
		`CREATE TABLE out_discrepancies AS SELECT * FROM (VALUES
			('TRANSFER_MISMATCH', '转移性收入与一卡通不符', '乌兰镇', '巴彦嘎查', 'H1', '150521199001011234', 'A', '一卡通', '1000.00', '2400.00', '1400.00', ''),
			('MULTI_HOUSEHOLD', '一人多户', '乌兰镇', '巴彦嘎查', '', '150521199001011234', '王', '排查表', '', '', '', '列在2户'))
			t("疑点编码", "疑点类型", "乡镇", "村", "户编号", "身份证号", "姓名", "来源", "申报值", "比对值", "差额", "说明")`,
	}
	if withChecks {
		stmts = append(stmts, `CREATE TABLE checks AS SELECT * FROM (VALUES
			('乌兰镇', '巴彦嘎查', 'H2', '', '', 'C_HH_SIZE', '家庭人口数与成员不符', '错误', '申报1人，成员2人', 'a.xlsx [户表] 第3行'),
			('乌兰镇', '巴彦嘎查', 'H2', '150521199001011234', 'B', 'C_ELDERLY_LABOR', '老人标为劳动力', '提示', '', 'a.xlsx [户表] 第4行'),
			('乌兰镇', '巴彦嘎查', 'H3', '', '', 'C_ELIM_BELOW_LINE', '风险消除户收入低于监测线', '疑点', '收入低于监测线，按返贫风险重新识别', 'a.xlsx [户表] 第5行'))
			t("乡镇", "村", "户编号", "身份证号", "姓名", "检查编码", "问题", "级别", "说明", "来源")`,
			`CREATE VIEW out_checks AS SELECT * FROM checks`)
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	if err := paperViews(context.Background(), conn); err != nil {
		t.Fatal(err)
	}
	return conn
}

func viewRows(t *testing.T, conn *sql.Conn, view string) []string {
	t.Helper()
	cols, err := columns(context.Background(), conn, view)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	err = streamView(conn, view, len(cols))(context.Background(), func(r []string) error {
		out = append(out, strings.Join(r, "|"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestNoticeRows(t *testing.T) {
	got := viewRows(t, paperDB(t, false), "out_notices")
	want := []string{
		// each surveyed village once, then its candidates and its 风险消除
		"乌兰镇|巴彦嘎查|||||",
		"乌兰镇|巴彦嘎查|0|A|15052119850505123X|3|脱贫不稳定户",
		"乌兰镇|巴彦嘎查|0|B|150521199001011234|1|边缘易致贫户",
		"乌兰镇|巴彦嘎查|1|C|150521195001011234|2|边缘易致贫户",
		"乌兰镇|空村|||||",
		// 新村's candidate waits for its 核对疑点; its 暂不消除 is not posted
		"宝日镇|新村|||||",
	}
	if !slices.Equal(got, want) {
		t.Errorf("out_notices\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLedgerRows(t *testing.T) {
	blank := "||||"
	for _, tc := range []struct {
		checks bool
		want   []string
	}{
		{false, []string{
			"乌兰镇|巴彦嘎查|||王|疑点|一人多户|列在2户" + blank,
			"乌兰镇|巴彦嘎查|H1|A|A|疑点|转移性收入与一卡通不符|申报值 1000.00，比对值 2400.00" + blank,
		}},
		{true, []string{ // 错误 and 疑点 checks join; 提示 does not
			"乌兰镇|巴彦嘎查|||王|疑点|一人多户|列在2户" + blank,
			"乌兰镇|巴彦嘎查|H1|A|A|疑点|转移性收入与一卡通不符|申报值 1000.00，比对值 2400.00" + blank,
			"乌兰镇|巴彦嘎查|H2|B||数据核实|家庭人口数与成员不符|申报1人，成员2人" + blank,
			"乌兰镇|巴彦嘎查|H3|C||数据核实|风险消除户收入低于监测线|收入低于监测线，按返贫风险重新识别" + blank,
		}},
	} {
		conn := paperDB(t, tc.checks)
		if got := viewRows(t, conn, "out_ledger"); !slices.Equal(got, tc.want) {
			t.Errorf("checks %v: out_ledger\n%s\nwant\n%s", tc.checks, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
		l, err := ledgerList(context.Background(), conn)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range l.Columns {
			if !c.Hidden {
				names = append(names, c.Name)
			}
		}
		// the writer puts 序号 first (Numbered)
		want := []string{"村", "户编号", "户主姓名", "姓名", "问题来源", "问题", "说明", "整改措施", "责任人", "整改时限", "整改情况"}
		if !l.Numbered || !l.NotInReport || !l.InTownships || !slices.Equal(names, want) {
			t.Errorf("ledger list: numbered %v, columns %v, want %v", l.Numbered, names, want)
		}
	}
}
