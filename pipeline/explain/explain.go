// Package explain answers "why is this household on the list": for one
// household (by 户编号 or by a member's ID number) it reads a kept run
// database (`compare --db`, `nightly`) and gathers the household, its members,
// every 一卡通 and medical row counted or left out (with file, sheet and row),
// the income figures of SPEC §4 and each rule's verdict with the clause it
// comes from.
//
// Nothing here recomputes a rule: the figures and verdicts are read from the
// tables the rules left behind (hh_income, card_counted, medical_counted,
// candidates, elimination, discrepancy), so they are the figures of the lists.
package explain

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
)

// Errors for the command to map to messages and exit statuses.
var (
	ErrMasked   = errors.New("masked ID")
	ErrNotFound = errors.New("not found")
	ErrNotRunDB = errors.New("不是 paicha 的运行数据库")
)

// DB is an open run database, read-only.
type DB struct {
	connector *duckdb.Connector
	sql       *sql.DB
	Path      string

	paramsCache Params // the run's parameters, read by Explain
}

// Locate turns `--db FILE` or `--run DIR` into the database file: a run
// folder holds it as load.DBFile.
func Locate(dbPath, runDir string) (string, error) {
	p := dbPath
	if p == "" {
		p = filepath.Join(runDir, load.DBFile)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		p = filepath.Join(p, load.DBFile)
		if _, err := os.Stat(p); err != nil {
			return "", err
		}
	}
	return p, nil
}

// Open opens a run database read-only and checks it holds a finished run.
func Open(ctx context.Context, path string) (*DB, error) {
	c, err := duckdb.NewConnector(path+"?access_mode=read_only", nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotRunDB, err)
	}
	db := &DB{connector: c, sql: sql.OpenDB(c), Path: path}
	var n int
	err = db.sql.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_name IN ('params', 'hh_income', 'candidates', 'elimination', 'discrepancy', 'household', 'person', 'source')`).Scan(&n)
	if err != nil || n < 8 {
		db.Close()
		if err == nil {
			err = errors.New("缺少规则的结果表（可能是较早版本的 paicha 保留的数据库），请重新运行 compare --db")
		}
		return nil, fmt.Errorf("%w: %v", ErrNotRunDB, err)
	}
	return db, nil
}

// Close releases the database.
func (db *DB) Close() error {
	err := db.sql.Close()
	if cerr := db.connector.Close(); err == nil {
		err = cerr
	}
	return err
}

// Report is the answer for one KEY.
type Report struct {
	Key        string      `json:"key"`
	Params     Params      `json:"parameters"`
	Households []Household `json:"households"`
	// Unlisted: KEY is an ID that is in no survey household; its department
	// rows and findings are shown on their own.
	Unlisted *Person `json:"unlisted,omitempty"`
}

// Params are the run's rule parameters, as the rules saw them.
type Params struct {
	WindowStart  string   `json:"window_start"`
	WindowEnd    string   `json:"window_end"`
	AsOf         string   `json:"as_of"`
	Line         string   `json:"line"`
	TolTransfer  string   `json:"tolerance_transfer"`
	TolSelfpay   string   `json:"tolerance_selfpay"`
	MedicalAlert string   `json:"medical_alert"`
	DropRatio    string   `json:"drop_ratio"`
	ElimMonths   string   `json:"elimination_months"`
	OldAge       string   `json:"old_age"`
	ExcludeItems []string `json:"exclude_items"`
}

// Source is where a row was read: file, sheet, 1-based row as Excel shows it.
type Source struct {
	File  string `json:"file"`
	Sheet string `json:"sheet"`
	Row   int    `json:"row"`
}

func (s Source) String() string {
	if s.Sheet != "" {
		return fmt.Sprintf("%s [%s] 第%d行", s.File, s.Sheet, s.Row)
	}
	return fmt.Sprintf("%s 第%d行", s.File, s.Row)
}

// Household is one surveyed household with its figures and verdicts.
type Household struct {
	Key          string `json:"key"` // 户编号 as in the lists (the 户主's ID where there is none)
	No           string `json:"hh_no"`
	Township     string `json:"township"`
	Village      string `json:"village"`
	Type         string `json:"hh_type"`
	MonitorType  string `json:"monitor_type"`
	MonitorSince string `json:"monitor_since"`
	Eliminated   string `json:"eliminated"` // true, false or "" (blank)
	Fallback     string `json:"fallback"`
	Monitored    bool   `json:"monitored"`
	SizeDeclared string `json:"size_declared"`
	HeadName     string `json:"head_name"`
	HeadID       string `json:"head_id"`
	Source       Source `json:"source"`

	Declared   Declared          `json:"declared"`
	Guarantees map[string]string `json:"guarantees"` // 义务教育保障 … → 是, 否 or ""
	// GuaranteeSource says which column and value gave each guarantee
	// (SPEC §3.3.1).
	GuaranteeSource string `json:"guarantee_source"`
	// IncomeMissing: the household's sheet has no income column at all;
	// it is not classified (as n = 0).
	IncomeMissing bool         `json:"income_missing"`
	Survey        SurveyFields `json:"survey"`
	Issues        []Issue      `json:"survey_issues"` // what reading the survey found

	Members []Member `json:"members"`
	Card    []Row    `json:"card"`    // every 一卡通 row of a listed person, counted or not
	Medical []Row    `json:"medical"` // every settlement row of a listed person
	Rejects []Reject `json:"rejects"` // input rows naming a listed ID that could not be used

	Income      Income        `json:"income"`
	Candidate   *Candidate    `json:"candidate,omitempty"`
	Elimination *Elimination  `json:"elimination,omitempty"`
	NotListed   string        `json:"not_listed,omitempty"` // why it is on neither list
	Findings    []Discrepancy `json:"discrepancies"`
	Checks      []Check       `json:"checks"` // 数据核实 (SPEC §5.4)
}

// Declared are the survey's own figures (yuan).
type Declared struct {
	Wage         string `json:"wage"`
	Business     string `json:"business"`
	BusinessCost string `json:"business_cost"`
	Property     string `json:"property"`
	Transfer     string `json:"transfer"`
	Claims       string `json:"claims"`
	Selfpay      string `json:"selfpay"`
	PCDeclared   string `json:"pc_declared"`
	PCLastYear   string `json:"pc_last_year"`
}

// SurveyFields are SPEC §3.3.1's household fields, "" where blank or absent.
type SurveyFields struct {
	Risks      string            `json:"risks"`
	Measures   map[string]string `json:"measures"` // 产业帮扶 … → the measures as written; blank ones left out
	DevStatus  string            `json:"dev_status"`
	ElimWay    string            `json:"elim_way"`
	ElimDate   string            `json:"elim_date"`
	AfterHouse string            `json:"after_house"`
	AfterWater string            `json:"after_water"`
	AfterEdu   string            `json:"after_edu"`
	AfterMed   string            `json:"after_med"`
	AfterPC    string            `json:"after_pc"`
	Contact    string            `json:"contact"`
}

// Issue is a finding of the survey's reading: a household field that
// differs between its rows, or a guarantee status that cannot be read.
type Issue struct {
	Code   string `json:"code"`
	Field  string `json:"field"`
	Value  string `json:"value"`
	Other  string `json:"other"`
	Source Source `json:"source"`
}

// MeasureNames are the 14 帮扶措施 categories in the household table's
// order (m_industry … m_infra).
var MeasureNames = []string{"产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "教育帮扶", "义务教育保障",
	"住房安全保障", "饮水安全保障", "综合保障", "社会帮扶", "搬迁", "生产生活条件改善", "基础设施建设"}

// FieldLabels name the household table's columns as the survey heads them,
// for what reading the survey found (survey_issue's field).
var FieldLabels = func() map[string]string {
	m := map[string]string{
		"township": "乡镇", "village": "村", "hh_type": "户类型", "monitor_type": "监测对象类别",
		"monitor_since": "识别监测时间", "eliminated": "风险是否已消除", "fallback": "整户无劳动能力兜底保障户",
		"size_declared": "家庭人口数", "wage": "工资性收入", "business": "生产经营性收入", "business_cost": "生产经营性支出",
		"property": "财产性收入", "transfer": "转移性收入", "claims": "理赔收入", "selfpay": "合规自付支出",
		"pc_declared": "人均纯收入", "pc_last_year": "上年人均纯收入", "g_edu": "义务教育保障", "g_med": "基本医疗保障",
		"g_house": "住房安全保障", "g_water": "饮水安全保障", "risks": "致贫/返贫风险", "dev_status": "实施开发式帮扶措施情况",
		"elim_way": "风险消除方式", "elim_date": "消除监测时间", "after_house": "风险消除后是否住房损毁",
		"after_water": "风险消除后是否饮水设施损毁", "after_edu": "风险消除后是否义务教育阶段适龄儿童少年失学辍学",
		"after_med": "风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险", "after_pc": "风险消除后家庭人均纯收入",
		"contact": "监测联系人",
	}
	for i, c := range measureColumns {
		m[c] = MeasureNames[i] + "（帮扶措施）"
	}
	return m
}()

var measureColumns = []string{"m_industry", "m_employment", "m_finance", "m_welfare_job", "m_health", "m_education",
	"m_compulsory_edu", "m_housing", "m_water", "m_assist", "m_social", "m_relocation", "m_living", "m_infra"}

// Member is one person listed in the household.
type Member struct {
	Name       string `json:"name"`
	ID         string `json:"id"`
	IDValid    bool   `json:"id_valid"`
	Relation   string `json:"relation"`
	Labor      string `json:"labor"`
	Health     string `json:"health"`
	Disability int    `json:"disability"`
	Status     string `json:"status"`
	StatusDate string `json:"status_date"`
	Age        string `json:"age"`     // whole years at as_of, "" where the ID gives no birth date
	Counted    bool   `json:"counted"` // in M: status 正常
	Other      string `json:"other_households,omitempty"`
	Source     Source `json:"source"`

	// SPEC §3.3.1's person fields, "" where blank or absent.
	Sex           string `json:"sex"`
	School        string `json:"school"`
	EduLevel      string `json:"edu_level"`
	NoSchool      string `json:"noschool"`
	InsResident   string `json:"ins_resident"`
	InsEmployee   string `json:"ins_employee"`
	Pension       string `json:"pension"`
	Dibao         string `json:"dibao"`
	Tekun         string `json:"tekun"`
	WelfareJob    string `json:"welfare_job"`
	DisabilityCat int    `json:"disability_category"`
}

// Row is one 一卡通 payment or medical settlement of a listed person.
type Row struct {
	Source  Source `json:"source"`
	ID      string `json:"id"`
	Name    string `json:"name"`
	Date    string `json:"date"`
	Amount  string `json:"amount"` // 发放金额 or 合规自付; negative = refund, nets off
	Item    string `json:"item,omitempty"`
	Status  string `json:"status,omitempty"`
	Serial  string `json:"serial,omitempty"`
	Counted bool   `json:"counted"`
	Refund  bool   `json:"refund"`
	// Why, for a row left out: outside_window, excluded_item, failed, duplicate.
	Why  string `json:"why,omitempty"`
	Note string `json:"note,omitempty"` // in Chinese, with the particulars
}

// Reject is an input row naming a listed ID that was rejected.
type Reject struct {
	Source Source `json:"source"`
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// Income are the figures of SPEC §4, read from hh_income.
type Income struct {
	N          int    `json:"n"`
	Card       string `json:"card"`
	CardRows   int    `json:"card_rows"`
	Med        string `json:"med"`
	MedRows    int    `json:"med_rows"`
	TransferV  string `json:"transfer_v"`
	SelfpayV   string `json:"selfpay_v"`
	Pure       string `json:"pure"`
	Gross      string `json:"gross"`
	Net        string `json:"net"`
	Threshold  string `json:"threshold"` // line × n
	PerCapita  string `json:"per_capita"`
	GrossBelow bool   `json:"gross_below"`
	NetBelow   bool   `json:"net_below"`
}

// Candidate is the §5.1 verdict.
type Candidate struct {
	Type    string   `json:"type"`
	Factors []string `json:"factors"`
	Why     string   `json:"why"`
	Clause  string   `json:"clause"`
}

// Elimination is the §5.2 verdict.
type Elimination struct {
	Advice  string   `json:"advice"` // 风险消除 or 暂不消除
	Reasons []Reason `json:"reasons"`
	Clause  string   `json:"clause"`
}

// Reason is one condition of §5.2, held or failed, with the facts.
type Reason struct {
	Text  string `json:"text"`
	Holds bool   `json:"holds"`
	Facts string `json:"facts"`
}

// Discrepancy is one finding of SPEC §5.3 about the household or a member.
type Discrepancy struct {
	Code     string `json:"code"`
	Type     string `json:"type"`
	ID       string `json:"id"`
	Name     string `json:"name"`
	Source   string `json:"source"`
	Declared string `json:"declared"`
	Compared string `json:"compared"`
	Diff     string `json:"diff"`
	Note     string `json:"note"`
	Clause   string `json:"clause"`
}

// Person is an ID in no survey household, with its department rows.
type Person struct {
	ID       string        `json:"id"`
	Card     []Row         `json:"card"`
	Medical  []Row         `json:"medical"`
	Rejects  []Reject      `json:"rejects"`
	Findings []Discrepancy `json:"discrepancies"`
}

// Explain answers for KEY, a 户编号 or an ID number.
func (db *DB) Explain(ctx context.Context, key string) (*Report, error) {
	key = strings.TrimSpace(normalize.Fold(key))
	if normalize.Masked(key) {
		return nil, ErrMasked
	}
	if key == "" {
		return nil, ErrNotFound
	}
	r := &Report{Key: key}
	if err := db.params(ctx, &r.Params); err != nil {
		return nil, err
	}
	db.paramsCache = r.Params
	// An ID as typed may need normalising (15 digits, 残疾人证号, x).
	id := key
	if n, _, err := normalize.ID(key); err == nil {
		id = n
	}
	keys, err := db.strings(ctx, `SELECT DISTINCT hh_key FROM household WHERE hh_key IN (?, ?) OR (hh_no <> '' AND hh_no = ?)
		UNION SELECT DISTINCT hh_key FROM person WHERE id = ?
		ORDER BY 1`, key, id, key, id)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		h, err := db.household(ctx, k)
		if err != nil {
			return nil, err
		}
		r.Households = append(r.Households, *h)
	}
	if len(keys) == 0 {
		p, err := db.unlisted(ctx, id)
		if err != nil {
			return nil, err
		}
		if p == nil {
			return nil, ErrNotFound
		}
		r.Unlisted = p
	}
	return r, nil
}

func (db *DB) params(ctx context.Context, p *Params) error {
	err := db.sql.QueryRowContext(ctx, `SELECT window_start::VARCHAR, window_end::VARCHAR, as_of::VARCHAR, line::VARCHAR,
		tol_transfer::VARCHAR, tol_selfpay::VARCHAR, medical_alert::VARCHAR, drop_ratio::DOUBLE::VARCHAR,
		elim_months::VARCHAR, old_age::VARCHAR FROM params`).Scan(
		&p.WindowStart, &p.WindowEnd, &p.AsOf, &p.Line, &p.TolTransfer, &p.TolSelfpay, &p.MedicalAlert, &p.DropRatio,
		&p.ElimMonths, &p.OldAge)
	if err != nil {
		return fmt.Errorf("explain: params: %w", err)
	}
	p.ExcludeItems, err = db.strings(ctx, `SELECT word FROM exclude_item ORDER BY rowid`)
	return err
}

// household gathers one household.
func (db *DB) household(ctx context.Context, key string) (*Household, error) {
	h := &Household{Key: key}
	var g [4]string
	var monitored string
	var in = &h.Income
	err := db.row(ctx, `SELECT hh_no, township, village, hh_type, coalesce(monitor_type, ''),
			coalesce(monitor_since::VARCHAR, ''), coalesce(eliminated::VARCHAR, ''), coalesce(fallback::VARCHAR, ''),
			monitored::VARCHAR, coalesce(size_declared::VARCHAR, ''), coalesce(head_name, ''), coalesce(head_id, ''),
			src_file, src_sheet, src_row::VARCHAR,
			wage::VARCHAR, business::VARCHAR, business_cost::VARCHAR, property::VARCHAR, transfer::VARCHAR,
			claims::VARCHAR, selfpay::VARCHAR, coalesce(pc_declared::VARCHAR, ''), coalesce(pc_last_year::VARCHAR, ''),
			coalesce(g_edu::VARCHAR, ''), coalesce(g_med::VARCHAR, ''), coalesce(g_house::VARCHAR, ''), coalesce(g_water::VARCHAR, ''),
			n::VARCHAR, card::VARCHAR, med::VARCHAR, transfer_v::VARCHAR, selfpay_v::VARCHAR, pure::VARCHAR,
			gross::VARCHAR, net::VARCHAR, threshold::VARCHAR,
			coalesce(pc::VARCHAR, ''),
			(gross < threshold)::VARCHAR, (net < threshold)::VARCHAR
		FROM hh_income LEFT JOIN source USING (file_ord, sheet_ord) WHERE hh_key = ?`, []any{key},
		&h.No, &h.Township, &h.Village, &h.Type, &h.MonitorType, &h.MonitorSince, &h.Eliminated, &h.Fallback,
		&monitored, &h.SizeDeclared, &h.HeadName, &h.HeadID,
		&h.Source.File, &h.Source.Sheet, intVar(&h.Source.Row),
		&h.Declared.Wage, &h.Declared.Business, &h.Declared.BusinessCost, &h.Declared.Property, &h.Declared.Transfer,
		&h.Declared.Claims, &h.Declared.Selfpay, &h.Declared.PCDeclared, &h.Declared.PCLastYear,
		&g[0], &g[1], &g[2], &g[3],
		intVar(&in.N), &in.Card, &in.Med, &in.TransferV, &in.SelfpayV, &in.Pure, &in.Gross, &in.Net, &in.Threshold,
		&in.PerCapita, boolVar(&in.GrossBelow), boolVar(&in.NetBelow))
	if err != nil {
		return nil, fmt.Errorf("explain: household: %w", err)
	}
	h.Monitored = monitored == "true"
	h.Guarantees = map[string]string{}
	for i, name := range guaranteeNames {
		h.Guarantees[name] = yesNo(g[i])
	}
	if err := db.surveyFields(ctx, h); err != nil {
		return nil, err
	}
	if err := db.members(ctx, h); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(h.Members))
	for _, m := range h.Members {
		ids = append(ids, m.ID)
	}
	if h.Card, err = db.cardRows(ctx, ids); err != nil {
		return nil, err
	}
	if h.Medical, err = db.medicalRows(ctx, ids); err != nil {
		return nil, err
	}
	for _, r := range h.Card {
		if r.Counted {
			in.CardRows++
		}
	}
	for _, r := range h.Medical {
		if r.Counted {
			in.MedRows++
		}
	}
	if h.Rejects, err = db.rejects(ctx, ids); err != nil {
		return nil, err
	}
	if err := db.verdicts(ctx, h); err != nil {
		return nil, err
	}
	h.Findings, err = db.findings(ctx, `(hh_no = ? OR (? <> '' AND hh_no = ?)
		OR (list_contains(?, id) AND code NOT IN ('SIZE_MISMATCH', 'TRANSFER_MISMATCH', 'SELFPAY_MISMATCH',
		    'INCOME_LINE_CROSS', 'HIGH_MEDICAL', 'INCOME_DROP', 'GUARANTEE_RISK')))`, key, h.No, h.No, ids)
	if err != nil {
		return nil, err
	}
	h.Checks, err = db.checks(ctx, h)
	return h, err
}

var guaranteeNames = []string{"义务教育保障", "基本医疗保障", "住房安全保障", "饮水安全保障"}

func yesNo(b string) string {
	switch b {
	case "true":
		return "是"
	case "false":
		return "否"
	}
	return ""
}

func (db *DB) members(ctx context.Context, h *Household) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT p.name, p.id, p.id_valid::VARCHAR, p.relation, p.labor, p.health,
			coalesce(p.disability, 0)::VARCHAR, p.status, coalesce(p.status_date::VARCHAR, ''),
			coalesce((date_diff('year', p.birth_date, pr.as_of)
			  - CASE WHEN strftime(pr.as_of, '%m%d') < strftime(p.birth_date, '%m%d') THEN 1 ELSE 0 END)::VARCHAR, ''),
			(p.status = '正常')::VARCHAR,
			coalesce((SELECT string_agg(DISTINCT o.hh_key, '、' ORDER BY o.hh_key) FROM person o
			          WHERE o.id = p.id AND o.hh_key <> p.hh_key), ''),
			s.src_file, s.src_sheet, p.src_row::VARCHAR,
			coalesce(p.sex, ''), coalesce(p.school, ''), coalesce(p.edu_level, ''), coalesce(p.noschool, ''),
			coalesce(p.ins_resident::VARCHAR, ''), coalesce(p.ins_employee::VARCHAR, ''), coalesce(p.pension::VARCHAR, ''),
			coalesce(p.dibao::VARCHAR, ''), coalesce(p.tekun::VARCHAR, ''), coalesce(p.welfare_job, ''),
			coalesce(p.disability_cat, 0)::VARCHAR
		FROM person p LEFT JOIN source s ON s.file_ord = p.file_ord AND s.sheet_ord = p.sheet_ord
		CROSS JOIN params pr WHERE p.hh_key = ?
		ORDER BY p.file_ord, p.sheet_ord, p.src_row`, h.Key)
	if err != nil {
		return fmt.Errorf("explain: members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.Name, &m.ID, boolVar(&m.IDValid), &m.Relation, &m.Labor, &m.Health, intVar(&m.Disability),
			&m.Status, &m.StatusDate, &m.Age, boolVar(&m.Counted), &m.Other,
			&m.Source.File, &m.Source.Sheet, intVar(&m.Source.Row),
			&m.Sex, &m.School, &m.EduLevel, &m.NoSchool, &m.InsResident, &m.InsEmployee, &m.Pension,
			&m.Dibao, &m.Tekun, &m.WelfareJob, intVar(&m.DisabilityCat)); err != nil {
			return fmt.Errorf("explain: members: %w", err)
		}
		for _, b := range []*string{&m.InsResident, &m.InsEmployee, &m.Pension, &m.Dibao, &m.Tekun} {
			*b = yesNo(*b)
		}
		h.Members = append(h.Members, m)
	}
	return rows.Err()
}

// cardRows: every 一卡通 row of the IDs — loaded rows (counted or not, with
// the reason), repeated serials and failed payments.
func (db *DB) cardRows(ctx context.Context, ids []string) ([]Row, error) {
	skipped := `SELECT NULL::INTEGER, NULL::INTEGER, s.src_file, s.src_sheet, f.src_row, f.id, f.name,
			coalesce(f.pay_date::VARCHAR, ''), coalesce(f.amount::VARCHAR, ''), f.item, f.status, '',
			false, 'failed', f.reason, f.pay_date AS d
		FROM card_skipped f LEFT JOIN source s ON s.file_ord = f.file_ord AND s.sheet_ord = f.sheet_ord
		WHERE list_contains(?, f.id)`
	if ok, err := db.hasTable(ctx, "card_skipped"); err != nil {
		return nil, err
	} else if !ok {
		skipped = `SELECT NULL::INTEGER, NULL::INTEGER, '', '', 0, '', '', '', '', '', '', '', false, '', '', NULL::DATE AS d WHERE list_contains(?, '')`
	}
	return db.dataRows(ctx, `
		SELECT c.file_ord, c.sheet_ord, s.src_file, s.src_sheet, c.src_row, c.id, c.name, c.pay_date::VARCHAR, c.amount::VARCHAR,
		       c.item, c.status, c.serial,
		       k.src_row IS NOT NULL,
		       CASE WHEN k.src_row IS NOT NULL THEN ''
		            WHEN c.pay_date NOT BETWEEN p.window_start AND p.window_end THEN 'outside_window'
		            ELSE 'excluded_item' END,
		       CASE WHEN k.src_row IS NOT NULL THEN ''
		            WHEN c.pay_date NOT BETWEEN p.window_start AND p.window_end
		              THEN '发放日期不在收入测算周期 ' || p.window_start || ' 至 ' || p.window_end || ' 内'
		            ELSE '补贴项目含“' || coalesce((SELECT string_agg(e.word, '、') FROM exclude_item e
		                 WHERE strpos(coalesce(c.item, ''), e.word) > 0), '') || '”，属资本性补助，不计收入' END,
		       c.pay_date AS d
		FROM card c LEFT JOIN source s ON s.file_ord = c.file_ord AND s.sheet_ord = c.sheet_ord
		CROSS JOIN params p
		LEFT JOIN card_counted k ON k.file_ord = c.file_ord AND k.sheet_ord = c.sheet_ord AND k.src_row = c.src_row
		WHERE list_contains(?, c.id)
		UNION ALL
		SELECT file_ord, sheet_ord, src_file, src_sheet, src_row, id, name, pay_date::VARCHAR, amount::VARCHAR,
		       item, status, serial, false, 'duplicate',
		       '流水号 ' || serial || ' 重复，已按首次出现的 ' || first_file
		         || CASE WHEN first_sheet <> '' THEN ' [' || first_sheet || ']' ELSE '' END || ' 第' || first_row || '行 计一次',
		       pay_date
		FROM card_duplicate WHERE list_contains(?, id)
		UNION ALL `+skipped+`
		ORDER BY d NULLS LAST, 3, 4, 5`, ids, ids, ids)
}

func (db *DB) medicalRows(ctx context.Context, ids []string) ([]Row, error) {
	return db.dataRows(ctx, `
		SELECT m.file_ord, m.sheet_ord, s.src_file, s.src_sheet, m.src_row, m.id, m.name, m.settle_date::VARCHAR, m.selfpay::VARCHAR,
		       m.hospital, '', m.serial,
		       k.src_row IS NOT NULL,
		       CASE WHEN k.src_row IS NOT NULL THEN '' ELSE 'outside_window' END,
		       CASE WHEN k.src_row IS NOT NULL THEN ''
		            ELSE '结算日期不在收入测算周期 ' || p.window_start || ' 至 ' || p.window_end || ' 内' END,
		       m.settle_date AS d
		FROM medical m LEFT JOIN source s ON s.file_ord = m.file_ord AND s.sheet_ord = m.sheet_ord
		CROSS JOIN params p
		LEFT JOIN medical_counted k ON k.file_ord = m.file_ord AND k.sheet_ord = m.sheet_ord AND k.src_row = m.src_row
		WHERE list_contains(?, m.id)
		UNION ALL
		SELECT file_ord, sheet_ord, src_file, src_sheet, src_row, id, name, settle_date::VARCHAR, selfpay::VARCHAR,
		       hospital, '', serial, false, 'duplicate',
		       '结算单号 ' || serial || ' 重复，已按首次出现的 ' || first_file
		         || CASE WHEN first_sheet <> '' THEN ' [' || first_sheet || ']' ELSE '' END || ' 第' || first_row || '行 计一次',
		       settle_date
		FROM medical_duplicate WHERE list_contains(?, id)
		ORDER BY d NULLS LAST, 3, 4, 5`, ids, ids)
}

func (db *DB) dataRows(ctx context.Context, q string, args ...any) ([]Row, error) {
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		var fileOrd, sheetOrd sql.NullInt64
		var d sql.NullTime
		var name, item, status, serial sql.NullString
		if err := rows.Scan(&fileOrd, &sheetOrd, &r.Source.File, &r.Source.Sheet, &r.Source.Row, &r.ID, &name,
			&r.Date, &r.Amount, &item, &status, &serial, &r.Counted, &r.Why, &r.Note, &d); err != nil {
			return nil, fmt.Errorf("explain: %w", err)
		}
		r.Name, r.Item, r.Status, r.Serial = name.String, item.String, status.String, serial.String
		r.Refund = strings.HasPrefix(r.Amount, "-")
		if r.Refund && r.Counted {
			r.Note = "负数为退款/追回，与原发放相抵"
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// rejects: rejected input rows whose raw text names one of the IDs.
func (db *DB) rejects(ctx context.Context, ids []string) ([]Reject, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT s.src_file, s.src_sheet, r.src_row, r.kind, r.reason
		FROM reject r LEFT JOIN source s ON s.file_ord = r.file_ord AND s.sheet_ord = r.sheet_ord
		WHERE EXISTS (SELECT 1 FROM unnest(?::VARCHAR[]) t(id) WHERE t.id <> '' AND strpos(r.raw, t.id) > 0)
		ORDER BY r.file_ord, r.sheet_ord, r.src_row`, ids)
	if err != nil {
		return nil, fmt.Errorf("explain: rejects: %w", err)
	}
	defer rows.Close()
	var out []Reject
	for rows.Next() {
		var r Reject
		if err := rows.Scan(&r.Source.File, &r.Source.Sheet, &r.Source.Row, &r.Kind, &r.Reason); err != nil {
			return nil, fmt.Errorf("explain: rejects: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// findings: discrepancy rows matching cond (with its args), each with the
// clause its rule file names.
func (db *DB) findings(ctx context.Context, cond string, args ...any) ([]Discrepancy, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT code, type_name, coalesce(id, ''), coalesce(name, ''), source,
			coalesce(declared, ''), coalesce(compared, ''), coalesce(diff, ''), coalesce(note, '')
		FROM discrepancy WHERE `+cond+` ORDER BY code, id, source, declared, compared, note`, args...)
	if err != nil {
		return nil, fmt.Errorf("explain: discrepancies: %w", err)
	}
	defer rows.Close()
	out := []Discrepancy{}
	for rows.Next() {
		var d Discrepancy
		if err := rows.Scan(&d.Code, &d.Type, &d.ID, &d.Name, &d.Source, &d.Declared, &d.Compared, &d.Diff, &d.Note); err != nil {
			return nil, fmt.Errorf("explain: discrepancies: %w", err)
		}
		d.Clause = clause(d.Code)
		out = append(out, d)
	}
	return out, rows.Err()
}

// unlisted: an ID in no survey household, or nil when the run never saw it.
func (db *DB) unlisted(ctx context.Context, id string) (*Person, error) {
	p := &Person{ID: id}
	var err error
	ids := []string{id}
	if p.Card, err = db.cardRows(ctx, ids); err != nil {
		return nil, err
	}
	if p.Medical, err = db.medicalRows(ctx, ids); err != nil {
		return nil, err
	}
	if p.Rejects, err = db.rejects(ctx, ids); err != nil {
		return nil, err
	}
	if p.Findings, err = db.findings(ctx, `id = ?`, id); err != nil {
		return nil, err
	}
	if len(p.Card)+len(p.Medical)+len(p.Rejects)+len(p.Findings) == 0 {
		return nil, nil
	}
	return p, nil
}

func (db *DB) hasTable(ctx context.Context, name string) (bool, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_name = ?`, name).Scan(&n)
	return n > 0, err
}

func (db *DB) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("explain: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (db *DB) row(ctx context.Context, q string, args []any, dst ...any) error {
	return db.sql.QueryRowContext(ctx, q, args...).Scan(dst...)
}

// intVar and boolVar scan VARCHAR columns into ints and bools.
type intScan struct{ p *int }

func (s intScan) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*s.p = 0
	case string:
		_, err := fmt.Sscan(x, s.p)
		return err
	case int32:
		*s.p = int(x)
	case int64:
		*s.p = int(x)
	default:
		return fmt.Errorf("explain: int from %T", v)
	}
	return nil
}

func intVar(p *int) sql.Scanner { return intScan{p} }

type boolScan struct{ p *bool }

func (s boolScan) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*s.p = false
	case string:
		*s.p = x == "true"
	case bool:
		*s.p = x
	default:
		return fmt.Errorf("explain: bool from %T", v)
	}
	return nil
}

func boolVar(p *bool) sql.Scanner { return boolScan{p} }

// surveyFields reads the household's SPEC §3.3.1 fields and what reading
// its rows found.
func (db *DB) surveyFields(ctx context.Context, h *Household) error {
	var incomeMissing string
	var m [14]string
	sf := &h.Survey
	dst := []any{&h.GuaranteeSource, &incomeMissing, &sf.Risks, &sf.DevStatus, &sf.ElimWay, &sf.ElimDate,
		&sf.AfterHouse, &sf.AfterWater, &sf.AfterEdu, &sf.AfterMed, &sf.AfterPC, &sf.Contact}
	for i := range m {
		dst = append(dst, &m[i])
	}
	cols := make([]string, len(measureColumns))
	for i, c := range measureColumns {
		cols[i] = "coalesce(" + c + ", '')"
	}
	err := db.row(ctx, `SELECT coalesce(g_source, ''), coalesce(income_missing::VARCHAR, ''), coalesce(risks, ''),
			coalesce(dev_status::VARCHAR, ''), coalesce(elim_way, ''), coalesce(elim_date::VARCHAR, ''),
			coalesce(after_house::VARCHAR, ''), coalesce(after_water::VARCHAR, ''), coalesce(after_edu::VARCHAR, ''),
			coalesce(after_med::VARCHAR, ''), coalesce(after_pc::VARCHAR, ''), coalesce(contact, ''), `+strings.Join(cols, ", ")+`
		FROM household WHERE hh_key = ? ORDER BY file_ord, sheet_ord, src_row LIMIT 1`, []any{h.Key}, dst...)
	if err != nil {
		return fmt.Errorf("explain: survey fields: %w", err)
	}
	h.IncomeMissing = incomeMissing == "true"
	switch sf.DevStatus {
	case "true":
		sf.DevStatus = "已实施"
	case "false":
		sf.DevStatus = "未实施"
	}
	for _, b := range []*string{&sf.AfterHouse, &sf.AfterWater, &sf.AfterEdu, &sf.AfterMed} {
		*b = yesNo(*b)
	}
	sf.Measures = map[string]string{}
	for i, v := range m {
		if v != "" {
			sf.Measures[MeasureNames[i]] = v
		}
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT i.code, i.field, coalesce(i.value, ''), coalesce(i.other, ''),
			coalesce(s.src_file, ''), coalesce(s.src_sheet, ''), i.src_row::VARCHAR
		FROM survey_issue i LEFT JOIN source s ON s.file_ord = i.file_ord AND s.sheet_ord = i.sheet_ord
		WHERE i.hh_key = ? ORDER BY i.file_ord, i.sheet_ord, i.src_row, i.code, i.field`, h.Key)
	if err != nil {
		return fmt.Errorf("explain: survey issues: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var is Issue
		if err := rows.Scan(&is.Code, &is.Field, &is.Value, &is.Other, &is.Source.File, &is.Source.Sheet, intVar(&is.Source.Row)); err != nil {
			return fmt.Errorf("explain: survey issues: %w", err)
		}
		h.Issues = append(h.Issues, is)
	}
	return rows.Err()
}
