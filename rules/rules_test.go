package rules_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/rules"
)

// A small hand-built county per case: rows go straight into the loaded tables
// (the ingest stage has its own tests), the rules run, and the case states
// what a county bureau must see. Every expectation was worked out by hand
// from SPEC §4–§5 with the default parameters (line 7500, window
// 2022-05-01..2023-04-30, as_of 2023-05-15) unless the case changes them.

type row map[string]any

func hh(key string, kv row) string {
	r := row{"hh_key": key, "hh_no": key, "township": "甲镇", "village": "一村", "hh_type": "一般户",
		"monitor_type": "", "monitor_since": nil, "eliminated": false, "fallback": false, "size_declared": nil,
		"wage": 0, "business": 0, "business_cost": 0, "property": 0, "transfer": 0, "claims": 0, "selfpay": 0,
		"pc_declared": nil, "pc_last_year": nil, "g_edu": true, "g_med": true, "g_house": true, "g_water": true,
		"file_ord": 0, "sheet_ord": 0, "src_row": 0}
	return insert("household", r, kv)
}

var personRow = 0

func person(hhKey, id string, kv row) string {
	personRow++
	r := row{"hh_key": hhKey, "id": id, "id_valid": true, "name": "张三", "name_key": "张三", "relation": "",
		"labor": "普通劳动力", "health": "健康", "disability": 0, "status": "正常", "status_date": nil,
		"birth_date": "1980-01-01", "file_ord": 0, "sheet_ord": 0, "src_row": personRow}
	return insert("person", r, kv)
}

func card(id, date string, amount string, kv row) string {
	personRow++
	r := row{"id": id, "id_valid": true, "name": "", "name_key": "", "item": "养老金", "township": "甲镇", "village": "一村",
		"status": "已发放", "serial": "", "amount": amount, "pay_date": date,
		"file_ord": 1, "sheet_ord": 0, "src_row": personRow}
	return cardRows(r, kv)
}

// cardRows inserts a payment row as the load stage stores it: its texts in
// card_labels, under a number of its own, and the rest in card_rows.
func cardRows(base, over row) string {
	for k, v := range over {
		if _, ok := base[k]; !ok {
			panic("unknown column " + k)
		}
		base[k] = v
	}
	label := row{"label": base["src_row"]}
	for _, k := range []string{"item", "township", "village", "status"} {
		label[k] = base[k]
		delete(base, k)
	}
	base["label"] = label["label"]
	return insert("card_labels", label, nil) + insert("card_rows", base, nil)
}

func medical(id, date string, selfpay string, kv row) string {
	personRow++
	r := row{"id": id, "id_valid": true, "name": "", "name_key": "", "hospital": "", "serial": "",
		"selfpay": selfpay, "settle_date": date,
		"file_ord": 2, "sheet_ord": 0, "src_row": personRow}
	return insert("medical", r, kv)
}

// sources names the files of the rows above (file_ord 0–2), as load.DB.Finish
// would from the sessions; a case whose rows come from other files adds theirs.
const sources = `INSERT INTO source VALUES (0, 0, 's.xlsx', 'S'), (1, 0, 'c.csv', ''), (2, 0, 'm.csv', '');`

func source(fileOrd int, file string) string {
	return insert("source", row{"file_ord": fileOrd, "sheet_ord": 0, "src_file": file, "src_sheet": ""}, nil)
}

func insert(table string, base, over row) string {
	for k, v := range over {
		if _, ok := base[k]; !ok {
			panic("unknown column " + k)
		}
		base[k] = v
	}
	keys := make([]string, 0, len(base))
	for k := range base {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals := make([]string, len(keys))
	for i, k := range keys {
		switch v := base[k].(type) {
		case nil:
			vals[i] = "NULL"
		case string:
			vals[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		default:
			vals[i] = fmt.Sprint(v)
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s);\n", table, strings.Join(keys, ", "), strings.Join(vals, ", "))
}

// IDs: distinct 18-character strings; the rules never check them.
func id(n int) string { return fmt.Sprintf("15052119800101%04d", n) }

type ruleCase struct {
	name   string
	setup  []string
	params func(*rules.Params)
	// query → rows, each row its columns joined with "|", in query order.
	want map[string][]string
}

const (
	qCand  = `SELECT "户编号", "候选类型", "家庭人口数", "纯收入", "合规自付支出", "人均纯收入", "一卡通转移性收入", "风险因素" FROM out_candidates`
	qElim  = `SELECT "户编号", "建议", "原因" FROM out_elimination`
	qDisc  = `SELECT "疑点编码", "户编号", "身份证号", "来源" FROM out_discrepancies`
	qCodes = `SELECT DISTINCT "疑点编码" FROM out_discrepancies ORDER BY 1`
)

func tableCases() []ruleCase {
	return []ruleCase{{
		// One fen under the line rounds to 7500.00 for display: the verdict comes
		// from net < line × n, never from the rounded per-capita figure.
		name: "net exactly at the line is not a candidate; one fen under is",
		setup: []string{
			hh("A", row{"wage": "15000.00"}), person("A", id(1), row{"relation": "户主"}), person("A", id(2), nil),
			hh("B", row{"wage": "14999.99"}), person("B", id(3), row{"relation": "户主"}), person("B", id(4), nil),
		},
		want: map[string][]string{
			qCand: {"B|边缘易致贫户|2|14999.99|0.00|7500.00|0.00|"},
		},
	}, {
		name: "candidate types by 户类型 and medical cost; rounding half away from zero",
		setup: []string{
			// 脱贫户 under the line: 10000.01 / 3 = 3333.336… → 3333.34
			hh("P", row{"hh_type": "脱贫户", "wage": "10000.01"}), person("P", id(10), nil), person("P", id(11), nil), person("P", id(12), nil),
			// gross 8000 ≥ 7500, but 600 of medical 合规自付 pushes net to 7400
			hh("S", row{"wage": "8000.00"}), person("S", id(13), nil),
			medical(id(13), "2022-06-01", "600.00", nil),
			// negative net: −100.005 can't happen in fen; −0.50/… use 1 member: −0.01 → −0.01
			hh("N", row{"business_cost": "0.01"}), person("N", id(14), nil),
		},
		want: map[string][]string{
			qCand: {
				"N|边缘易致贫户|1|-0.01|0.00|-0.01|0.00|",
				"P|脱贫不稳定户|3|10000.01|0.00|3333.34|0.00|",
				"S|突发严重困难户|1|8000.00|600.00|7400.00|0.00|因病",
			},
		},
	}, {
		name: "payments on the first and last day of the window count; a day outside does not; refunds net off; excluded items are not income",
		setup: []string{
			hh("W", row{"transfer": "0"}), person("W", id(20), nil),
			card(id(20), "2022-05-01", "100.00", nil),
			card(id(20), "2023-04-30", "200.00", nil),
			card(id(20), "2022-04-30", "400.00", nil),
			card(id(20), "2023-05-01", "800.00", nil),
			card(id(20), "2022-08-01", "-50.00", nil),
			card(id(20), "2022-09-01", "5000.00", row{"item": "2022年农机购置补贴"}),
		},
		want: map[string][]string{
			qCand: {"W|边缘易致贫户|1|250.00|0.00|250.00|250.00|"},
			// 250 − 0 > 100: declared transfer is short of verified payments
			`SELECT "户编号", "申报值", "比对值", "差额" FROM out_discrepancies WHERE "疑点编码" = 'TRANSFER_MISMATCH'`: {"W|0.00|250.00|250.00"},
		},
	}, {
		name: "transfer and selfpay take the larger of declared and verified; tolerance is strict",
		setup: []string{
			hh("T", row{"wage": "20000", "transfer": "1000.00", "selfpay": "50.00"}), person("T", id(30), nil),
			card(id(30), "2022-07-01", "1100.00", nil),   // exactly +100: no TRANSFER_MISMATCH
			medical(id(30), "2022-07-01", "150.01", nil), // +100.01: SELFPAY_MISMATCH
		},
		want: map[string][]string{
			qCodes: {"SELFPAY_MISMATCH"},
			// 纯收入′ = 20000 + max(1000, 1100); selfpay′ = max(50, 150.01)
			`SELECT pure::VARCHAR, selfpay_v::VARCHAR, net::VARCHAR FROM hh_income`: {"21100.00|150.01|20949.99"},
		},
	}, {
		name: "dead and moved-out members leave n but their money counts; n = 0 is reported and not classified",
		setup: []string{
			hh("D", row{"size_declared": 3, "pc_declared": "1.00"}),
			person("D", id(40), nil),
			person("D", id(41), row{"status": "死亡", "status_date": "2022-10-01"}),
			person("D", id(42), row{"status": "迁出", "status_date": "2022-11-01"}),
			card(id(41), "2022-09-01", "300.00", nil),
			card(id(41), "2022-10-02", "300.00", row{"item": "危房改造补助"}), // any item counts for PAID_AFTER_DEATH
			hh("Z", row{"g_edu": false, "pc_declared": "1.00"}), person("Z", id(43), row{"status": "死亡", "status_date": "2022-01-01"}),
		},
		want: map[string][]string{
			qCand: {"D|边缘易致贫户|1|300.00|0.00|300.00|300.00|"},
			qDisc: {
				"PAID_AFTER_DEATH|D|" + id(41) + "|一卡通",
				"SIZE_MISMATCH|D|" + id(40) + "|排查表",
				"TRANSFER_MISMATCH|D|" + id(40) + "|一卡通",
				// Z: n = 0 — only SIZE_MISMATCH, no GUARANTEE_RISK or INCOME_LINE_CROSS
				"SIZE_MISMATCH|Z|" + id(43) + "|排查表",
			},
		},
	}, {
		name: "an ID in two households counts in both and is reported once; twice in one household is not two",
		setup: []string{
			hh("H1", row{"wage": "20000"}), person("H1", id(50), nil),
			hh("H2", row{"wage": "20000"}), person("H2", id(51), nil), person("H2", id(50), nil),
			card(id(50), "2022-06-01", "500.00", nil),
			hh("H3", row{"wage": "20000"}), person("H3", id(52), nil), person("H3", id(52), nil),
		},
		want: map[string][]string{
			`SELECT hh_key, card::VARCHAR FROM hh_income ORDER BY 1`:                       {"H1|500.00", "H2|500.00", "H3|0.00"},
			`SELECT "身份证号", "比对值" FROM out_discrepancies WHERE "疑点编码" = 'MULTI_HOUSEHOLD'`: {id(50) + "|2"},
			qDisc: {
				"MULTI_HOUSEHOLD|H1|" + id(50) + "|排查表",
				"TRANSFER_MISMATCH|H1|" + id(50) + "|一卡通",
				"TRANSFER_MISMATCH|H2|" + id(51) + "|一卡通",
			},
		},
	}, {
		name: "a name differing only by a middle dot is not a mismatch; another name is, once per source",
		setup: []string{
			hh("M", row{"wage": "20000"}), person("M", id(60), row{"name": "达来·萨仁", "name_key": "达来萨仁"}),
			card(id(60), "2022-06-01", "10.00", row{"name": "达来.萨仁", "name_key": "达来萨仁"}),
			card(id(60), "2022-07-01", "10.00", row{"name": "王五", "name_key": "王五"}),
			card(id(60), "2022-08-01", "10.00", row{"name": "赵六", "name_key": "赵六"}),
			medical(id(60), "2022-08-01", "1.00", row{"name": "达来 萨仁", "name_key": "达来萨仁"}),
		},
		want: map[string][]string{
			qDisc: {"NAME_MISMATCH|M|" + id(60) + "|一卡通"},
		},
	}, {
		name: "six months monitored: exactly six months before as_of is not enough; one day more is; month-end clamps",
		params: func(p *rules.Params) {
			d, _ := rules.ParseDate("2023-02-28")
			p.AsOf = d
		},
		setup: []string{
			// 2022-08-28 + 6 months = 2023-02-28 = as_of: not after → 监测不满6个月
			hh("E1", row{"hh_type": "监测户", "monitor_type": "边缘易致贫户", "monitor_since": "2022-08-28", "wage": "20000"}), person("E1", id(70), nil),
			hh("E2", row{"hh_type": "监测户", "monitor_type": "边缘易致贫户", "monitor_since": "2022-08-27", "wage": "20000"}), person("E2", id(71), nil),
			// 2022-08-31 + 6 months clamps to 2023-02-28 = as_of: not after
			hh("E3", row{"hh_type": "监测户", "monitor_type": "边缘易致贫户", "monitor_since": "2022-08-31", "wage": "20000"}), person("E3", id(72), nil),
		},
		want: map[string][]string{
			qElim: {"E1|暂不消除|监测不满6个月", "E2|风险消除|", "E3|暂不消除|监测不满6个月"},
		},
	}, {
		name: "兜底 households by each criterion, and every failing reason together",
		setup: []string{
			hh("F1", row{"hh_type": "监测户", "monitor_since": "2020-01-01", "wage": "20000", "fallback": true}), person("F1", id(80), nil),
			// no labour and a member of 60 at as_of (born 1963-05-15)
			hh("F2", row{"hh_type": "监测户", "monitor_since": "2020-01-01", "wage": "20000"}),
			person("F2", id(81), row{"labor": "弱劳动力或半劳动力", "birth_date": "1963-05-15"}),
			// no labour, 59 the day before the birthday: not 兜底
			hh("F3", row{"hh_type": "监测户", "monitor_since": "2020-01-01", "wage": "20000"}),
			person("F3", id(82), row{"labor": "弱劳动力或半劳动力", "birth_date": "1963-05-16"}),
			// no labour and 残疾 二级; a dead able-bodied member does not count
			hh("F4", row{"hh_type": "监测户", "monitor_since": "2020-01-01", "wage": "20000"}),
			person("F4", id(83), row{"labor": "丧失劳动力", "disability": 2}),
			person("F4", id(84), row{"status": "死亡", "status_date": "2022-01-01"}),
			// labour present: a chronic illness alone is not 兜底
			hh("F5", row{"hh_type": "监测户", "monitor_since": "2020-01-01", "wage": "20000"}),
			person("F5", id(85), row{"health": "长期慢性病"}), person("F5", id(86), nil),
			// everything fails
			hh("F6", row{"hh_type": "监测户", "monitor_since": "2023-01-01", "g_water": false, "g_edu": nil}),
			person("F6", id(87), row{"labor": "无劳动力", "health": "患有大病"}),
		},
		want: map[string][]string{
			qElim: {
				"F1|暂不消除|无劳动能力兜底户，持续跟踪监测",
				"F2|暂不消除|无劳动能力兜底户，持续跟踪监测",
				"F3|风险消除|",
				"F4|暂不消除|无劳动能力兜底户，持续跟踪监测",
				"F5|风险消除|",
				"F6|暂不消除|收入未稳定超过监测范围；三保障或饮水未巩固；监测不满6个月；无劳动能力兜底户，持续跟踪监测",
			},
		},
	}, {
		name: "monitored households are not candidates; an eliminated one is judged by its 户类型",
		setup: []string{
			hh("G1", row{"hh_type": "监测户"}), person("G1", id(90), nil),
			hh("G2", row{"hh_type": "脱贫户", "monitor_type": "脱贫不稳定户", "eliminated": true}), person("G2", id(91), nil),
			hh("G3", row{"hh_type": "一般户", "monitor_type": "边缘易致贫户"}), person("G3", id(92), nil),
		},
		want: map[string][]string{
			`SELECT "户编号", "候选类型" FROM out_candidates`:    {"G2|脱贫不稳定户"},
			`SELECT "户编号", "监测对象类型" FROM out_elimination`: {"G1|监测户", "G3|边缘易致贫户"},
		},
	}, {
		name: "unsurveyed people: payments in a surveyed village or with no village; medical at the alert",
		setup: []string{
			hh("U", row{"wage": "20000"}), person("U", id(100), nil),
			card(id(101), "2022-06-01", "10.00", row{"village": "一村"}),
			card(id(102), "2022-06-01", "10.00", row{"village": ""}),
			card(id(103), "2022-06-01", "10.00", row{"village": "未排查村"}),
			card(id(104), "2022-04-30", "10.00", row{"village": "一村"}),                 // outside the window
			card(id(105), "2022-06-01", "10.00", row{"village": "一村", "item": "农机购置"}), // not counted
			medical(id(106), "2022-06-01", "9999.99", nil),
			medical(id(107), "2022-06-01", "10000.00", nil),
			medical(id(100), "2022-06-01", "10000.00", nil),
		},
		want: map[string][]string{
			qDisc: {
				// sorted by 乡镇, 村: the medical row names neither, card 102 no village
				"MEDICAL_NOT_SURVEYED||" + id(107) + "|医保",
				"CARD_NOT_SURVEYED||" + id(102) + "|一卡通",
				"CARD_NOT_SURVEYED||" + id(101) + "|一卡通",
				"HIGH_MEDICAL|U|" + id(100) + "|医保",
				"SELFPAY_MISMATCH|U|" + id(100) + "|医保",
			},
		},
	}, {
		name: "income drop, line cross, guarantee risk and invalid IDs",
		setup: []string{
			// net 3000 < 7000 × (1 − 0.5) = 3500
			hh("I1", row{"wage": "3000", "pc_last_year": "7000.00", "pc_declared": "7500.00"}), person("I1", id(110), row{"id_valid": false}),
			// exactly half: not a drop; declared below the line, recomputed not below
			hh("I2", row{"wage": "8000", "pc_last_year": "16000.00", "pc_declared": "7499.99", "g_house": false}), person("I2", id(111), nil),
			card(id(112), "2022-06-01", "1.00", row{"id_valid": false, "village": "别村"}),
		},
		want: map[string][]string{
			qDisc: {
				"ID_INVALID|I1|" + id(110) + "|排查表",
				"INCOME_DROP|I1|" + id(110) + "|排查表",
				"INCOME_LINE_CROSS|I1|" + id(110) + "|排查表", // declared 7500 is not below; net 3000 is
				"GUARANTEE_RISK|I2|" + id(111) + "|排查表",
				"INCOME_LINE_CROSS|I2|" + id(111) + "|排查表",
				"ID_INVALID||" + id(112) + "|一卡通", // village 别村 sorts after 一村
			},
			`SELECT "户编号", "风险因素" FROM out_candidates`: {"I1|收入骤减"},
		},
	}, {
		name: "a repeated serial counts once: the first in input order stays",
		setup: []string{
			hh("R", row{"wage": "20000", "transfer": "1000"}), person("R", id(130), nil),
			source(5, "c5.csv"), card(id(130), "2022-06-01", "700.00", row{"serial": "YKT1", "file_ord": 5}),
			card(id(130), "2022-06-01", "700.00", row{"serial": "YKT1", "file_ord": 1}),
			card(id(130), "2022-07-01", "700.00", row{"serial": "YKT2"}),
			medical(id(130), "2022-06-01", "10.00", row{"serial": "JS1"}),
			medical(id(130), "2022-06-01", "10.00", row{"serial": "JS1"}),
		},
		want: map[string][]string{
			`SELECT card::VARCHAR, med::VARCHAR FROM hh_income`: {"1400.00|10.00"},
			`SELECT file_ord, first_file FROM card_duplicate`:   {"5|c.csv"},
			qDisc: {
				"DUPLICATE_RECORD|R|" + id(130) + "|一卡通",
				"DUPLICATE_RECORD|R|" + id(130) + "|医保",
				"TRANSFER_MISMATCH|R|" + id(130) + "|一卡通",
			},
		},
	}, {
		name: "parameters move the thresholds",
		params: func(p *rules.Params) {
			p.Line = 800000 // 8000 yuan
			p.TolTransfer = 0
		},
		setup: []string{
			// 7999.98 + verified 0.01 = 7999.99 < 8000
			hh("L", row{"wage": "7999.98", "transfer": "0"}), person("L", id(120), nil),
			card(id(120), "2022-06-01", "0.01", nil),
		},
		want: map[string][]string{
			`SELECT "户编号", "候选类型", "纯收入" FROM out_candidates`: {"L|边缘易致贫户|7999.99"},
			qCodes: {"TRANSFER_MISMATCH"},
		},
	}}
}

func TestRules(t *testing.T) {
	for _, tc := range tableCases() {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := load.Open(ctx, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			conn, err := db.SQL.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			for _, s := range append([]string{sources}, tc.setup...) {
				if _, err := conn.ExecContext(ctx, s); err != nil {
					t.Fatalf("setup %s: %v", s, err)
				}
			}
			if _, err := db.Finish(ctx); err != nil {
				t.Fatal(err)
			}
			p := rules.Defaults()
			if tc.params != nil {
				tc.params(&p)
			}
			if _, err := rules.Run(ctx, conn, p); err != nil {
				t.Fatal(err)
			}
			for q, want := range tc.want {
				got := queryRows(t, conn, q)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s\n got:\n\t%s\nwant:\n\t%s", q, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
				}
			}
		})
	}
}
