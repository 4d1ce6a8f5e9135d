-- code: CHECKS
-- title: 数据核实
-- basis: SPEC §5.4、§6.1、§9；工作方案 §三(四)6、§三(四)7、§三(四)8、§三(四)9
-- stage: check
--
-- The stage setup of the data checks: SPEC §5.4, §6.1 (checks.csv, the
-- 数据核实 sheet), §9 (checks.csv); work plan §三(四)9 (核实核准监测对象数据信息),
-- §三(四)6 (排查已消除风险监测对象情况), §三(四)7 (排查监测对象帮扶措施落实情况),
-- §三(四)8 (排查规模性返贫风险隐患).
--
-- Creates check_finding, which every check/<code>.sql fills (the runner puts
-- `INSERT INTO check_finding` before each file's SELECT), the sorted view
-- out_checks, and what the checks read instead of person and household:
--   check_person  every person, with age, school age, school group, the
--                 sex to compare and the fields of the person's own sheet
--   check_hh      every household (hh_income), with the fields of its own
--                 sheet and what the checks ask about its persons, gathered
--                 in one pass over the persons (check_hh_facts)
-- A check is silent for a household or person whose own sheet lacks a field
-- it needs (SPEC §5.4): check_sheet says which fields each sheet has.

CREATE OR REPLACE TABLE check_finding (
    code      VARCHAR,  -- 检查编码
    level     VARCHAR,  -- 级别: 错误, 疑点 or 提示
    hh_key    VARCHAR,  -- 户编号; NULL for C_SCALE_RISK
    id        VARCHAR,  -- person checks only (SPEC §9)
    name      VARCHAR,
    township  VARCHAR,  -- NULL: the household's (person checks)
    village   VARCHAR,
    detail    VARCHAR,  -- 说明
    file_ord  INTEGER,  -- the row that shows the problem (来源); NULL: none
    sheet_ord INTEGER,
    src_row   INTEGER
);

-- SPEC §5.4's four school groups; NULL (any other value, or blank) is not in school.
CREATE OR REPLACE MACRO school_group(s) AS
    CASE
        WHEN s IN ('学龄前儿童', '学前教育') THEN 'pre'
        WHEN starts_with(s, '小学') OR s IN ('七年级', '八年级', '九年级') THEN 'compulsory'
        WHEN starts_with(s, '普通高中') OR starts_with(s, '中职') THEN 'upper'
        WHEN starts_with(s, '高职高专') OR starts_with(s, '技师学院') OR starts_with(s, '本科')
          OR s = '硕士研究生及以上' THEN 'tertiary'
    END;

-- The sex the ID's 17th character gives (odd = 男); NULL where it is no digit.
CREATE OR REPLACE MACRO id_sex(id) AS
    CASE WHEN length(id) = 18 AND substr(id, 17, 1) BETWEEN '0' AND '9'
         THEN CASE WHEN CAST(substr(id, 17, 1) AS INTEGER) % 2 = 1 THEN '男' ELSE '女' END END;

-- Whether a sheet's field list (check_hh.fields) has f.
CREATE OR REPLACE MACRO has_field(fields, f) AS coalesce(list_contains(fields, f), false);

-- A text cell is blank (NULL, or only spaces where a reader kept them).
CREATE OR REPLACE MACRO blank(s) AS coalesce(trim(s), '') = '';

-- Whether the canonical risks (joined with 、) name r. No risk name holds
-- another (因病, 因残, 因学, 因灾, 因意外事故, 因产业项目失败, 因务工就业不稳,
-- 缺劳动力, 因安全住房, 因安全饮水, 其他), so a substring search is exact
-- and spares splitting every household's list.
CREATE OR REPLACE MACRO has_risk(risks, r) AS coalesce(strpos(risks, r) > 0, false);

-- The Chinese name of a household or person field, for 说明.
CREATE OR REPLACE MACRO field_label(f) AS
    CASE f
        WHEN 'township' THEN '乡镇' WHEN 'village' THEN '村' WHEN 'hh_no' THEN '户编号'
        WHEN 'hh_type' THEN '户类型' WHEN 'monitor_type' THEN '监测对象类别'
        WHEN 'monitor_since' THEN '识别监测时间' WHEN 'eliminated' THEN '风险是否已消除'
        WHEN 'fallback' THEN '整户无劳动能力兜底保障户' WHEN 'size_declared' THEN '家庭人口数'
        WHEN 'wage' THEN '工资性收入' WHEN 'business' THEN '生产经营性收入'
        WHEN 'business_cost' THEN '生产经营性支出' WHEN 'property' THEN '财产性收入'
        WHEN 'transfer' THEN '转移性收入' WHEN 'claims' THEN '理赔收入' WHEN 'selfpay' THEN '合规自付支出'
        WHEN 'pc_declared' THEN '人均纯收入' WHEN 'pc_last_year' THEN '上年人均纯收入'
        WHEN 'g_edu' THEN '义务教育保障' WHEN 'g_med' THEN '基本医疗保障'
        WHEN 'g_house' THEN '住房安全保障' WHEN 'g_water' THEN '饮水安全保障'
        WHEN 'risks' THEN '致贫返贫风险'
        WHEN 'm_industry' THEN '产业帮扶' WHEN 'm_employment' THEN '就业帮扶' WHEN 'm_finance' THEN '金融帮扶'
        WHEN 'm_welfare_job' THEN '公益岗位帮扶' WHEN 'm_health' THEN '健康帮扶' WHEN 'm_education' THEN '教育帮扶'
        WHEN 'm_compulsory_edu' THEN '义务教育保障（帮扶措施）' WHEN 'm_housing' THEN '住房安全保障（帮扶措施）'
        WHEN 'm_water' THEN '饮水安全保障（帮扶措施）' WHEN 'm_assist' THEN '综合保障' WHEN 'm_social' THEN '社会帮扶'
        WHEN 'm_relocation' THEN '搬迁' WHEN 'm_living' THEN '生产生活条件改善' WHEN 'm_infra' THEN '基础设施建设'
        WHEN 'dev_status' THEN '实施开发式帮扶措施情况' WHEN 'elim_way' THEN '风险消除方式'
        WHEN 'elim_date' THEN '消除监测时间'
        WHEN 'after_house' THEN '风险消除后是否住房损毁' WHEN 'after_water' THEN '风险消除后是否饮水设施损毁'
        WHEN 'after_edu' THEN '风险消除后是否义务教育阶段适龄儿童少年失学辍学'
        WHEN 'after_med' THEN '风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险'
        WHEN 'after_pc' THEN '风险消除后家庭人均纯收入' WHEN 'contact' THEN '监测联系人'
        ELSE f
    END;

-- The fields of each survey sheet, as one list per sheet (a few hundred
-- sheets), and as flags for those the checks test on every person or
-- household: a list search per row cost more than a whole check.
CREATE OR REPLACE TABLE check_sheet AS
SELECT file_ord, sheet_ord, list(DISTINCT field ORDER BY field) AS fields,
       bool_or(field = 'relation')   AS relation_col,
       bool_or(field = 'labor')      AS labor_col,
       bool_or(field = 'health')     AS health_col,
       bool_or(field = 'disability') AS disability_col,
       bool_or(field = 'school')     AS school_col,
       bool_or(field = 'dibao')      AS dibao_col,
       bool_or(field = 'tekun')      AS tekun_col,
       -- any of the 14 帮扶措施 columns; any of the 4 developmental (开发式) ones
       bool_or(field IN ('m_industry', 'm_employment', 'm_finance', 'm_welfare_job', 'm_health',
                         'm_education', 'm_compulsory_edu', 'm_housing', 'm_water', 'm_assist',
                         'm_social', 'm_relocation', 'm_living', 'm_infra')) AS measure_cols,
       bool_or(field IN ('m_industry', 'm_employment', 'm_finance', 'm_welfare_job')) AS dev_cols
FROM sheet_field
GROUP BY file_ord, sheet_ord;

-- Views, not tables: a copy of the persons or households costs more to
-- write (measured at 30k households: 1.3 s each) than the checks cost to
-- read through these, each scanning only the columns and rows it filters on.
-- A person check leaves 乡镇 and 村 NULL: out_checks takes the household's.
-- (Joined here, the household came before a check's filter on age: DuckDB
-- does not push a condition on params below the join.)
CREATE OR REPLACE VIEW check_person AS
SELECT p.*,
       p.status = '正常'                                   AS in_m,
       age_at(p.birth_date, pr.as_of)                      AS age,
       school_age(p.birth_date, pr.as_of)                  AS sch_age,
       school_group(p.school)                              AS sch_group,
       id_sex(p.id)                                        AS sex_of_id,
       -- 性别 as given (the national system's codes 1/2 read as 男/女), and
       -- the sex to compare: 性别 where given, else the ID's (SPEC §3.3.1)
       CASE p.sex WHEN '男' THEN '男' WHEN '1' THEN '男' WHEN '女' THEN '女' WHEN '2' THEN '女' END AS sex_given,
       coalesce(sex_given, id_sex(p.id))                   AS sex_eff,
       -- the person's own sheet has the column (else its checks are silent)
       coalesce(s.relation_col, false) AS relation_col, coalesce(s.health_col, false) AS health_col,
       coalesce(s.disability_col, false) AS disability_col, coalesce(s.school_col, false) AS school_col,
       input_pos(p.file_ord, p.sheet_ord, p.src_row)       AS pos
FROM person p
CROSS JOIN params pr
LEFT JOIN check_sheet s ON s.file_ord = p.file_ord AND s.sheet_ord = p.sheet_ord;

-- What the household checks ask about the persons, in one pass over them:
-- m_* over the persons of M (SPEC §4), all_* over every person listed;
-- *_col whether a person's sheet has that column (the check is silent
-- without it). Then, per household, the fields of its own sheet and whether
-- its 帮扶措施 columns are all blank.
CREATE OR REPLACE TABLE check_hh_facts AS
WITH members AS (
    SELECT p.hh_key,
           count(*) FILTER (WHERE p.status = '正常' AND p.relation = '户主')                      AS m_heads,
           count(*) FILTER (WHERE p.status = '正常' AND p.relation = '配偶')                      AS m_spouses,
           count(*) FILTER (WHERE p.status = '正常' AND p.labor IN ('普通劳动力', '技能劳动力'))   AS m_able,
           bool_or(p.status = '正常' AND p.labor IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力')) AS m_any_labor,
           bool_or(p.status = '正常' AND p.dibao)                                                  AS m_dibao,
           bool_or(p.status = '正常' AND p.tekun)                                                  AS m_tekun,
           bool_or(p.status = '正常' AND (p.health = '残疾' OR p.disability BETWEEN 1 AND 4))       AS m_disabled,
           bool_or(p.health IN ('患有大病', '长期慢性病'))                                          AS all_ill,
           bool_or(p.health = '残疾' OR p.disability BETWEEN 1 AND 4)                              AS all_disabled,
           bool_or(s.relation_col) AS relation_col, bool_or(s.labor_col) AS labor_col,
           bool_or(s.health_col) AS health_col, bool_or(s.disability_col) AS disability_col,
           bool_or(s.dibao_col) AS dibao_col, bool_or(s.tekun_col) AS tekun_col
    FROM person p
    LEFT JOIN check_sheet s ON s.file_ord = p.file_ord AND s.sheet_ord = p.sheet_ord
    GROUP BY p.hh_key
)
SELECT h.hh_key,
       coalesce(s.fields, []) AS fields,
       coalesce(m.m_heads, 0) AS m_heads, coalesce(m.m_spouses, 0) AS m_spouses,
       coalesce(m.m_able, 0) AS m_able,
       coalesce(m.m_any_labor, false) AS m_any_labor,
       coalesce(m.m_dibao, false) AS m_dibao, coalesce(m.m_tekun, false) AS m_tekun,
       coalesce(m.m_disabled, false) AS m_disabled,
       coalesce(m.all_ill, false) AS all_ill, coalesce(m.all_disabled, false) AS all_disabled,
       coalesce(m.relation_col, false) AS relation_col, coalesce(m.labor_col, false) AS labor_col,
       coalesce(m.health_col, false) AS health_col, coalesce(m.disability_col, false) AS disability_col,
       coalesce(m.dibao_col, false) AS dibao_col, coalesce(m.tekun_col, false) AS tekun_col,
       -- the 14 帮扶措施 columns: whether the sheet has any, and whether all are blank
       coalesce(s.measure_cols, false) AS measure_cols,
       blank(h.m_industry) AND blank(h.m_employment) AND blank(h.m_finance) AND blank(h.m_welfare_job)
         AND blank(h.m_health) AND blank(h.m_education) AND blank(h.m_compulsory_edu)
         AND blank(h.m_housing) AND blank(h.m_water) AND blank(h.m_assist) AND blank(h.m_social)
         AND blank(h.m_relocation) AND blank(h.m_living) AND blank(h.m_infra)  AS no_measures,
       -- the 4 developmental (开发式) columns
       coalesce(s.dev_cols, false) AS dev_cols,
       blank(h.m_industry) AND blank(h.m_employment) AND blank(h.m_finance) AND blank(h.m_welfare_job) AS no_dev
FROM household h
LEFT JOIN check_sheet s ON s.file_ord = h.file_ord AND s.sheet_ord = h.sheet_ord
LEFT JOIN members m ON m.hh_key = h.hh_key;

CREATE OR REPLACE VIEW check_hh AS
SELECT h.*, f.* EXCLUDE (hh_key)
FROM hh_income h JOIN check_hh_facts f ON f.hh_key = h.hh_key;

-- The names of a household's persons of M who are 户主, 配偶, or registered
-- for 低保 or 特困供养 (what = 'head', 'spouse', 'dibao', 'tekun'), in sheet
-- order, for 说明: only for the households whose 说明 names them (two or
-- more 户主 or 配偶; any 低保 or 特困 member), not the county's every head.
CREATE OR REPLACE MACRO member_names(what) AS TABLE
SELECT p.hh_key, string_agg(p.name, '、' ORDER BY input_pos(p.file_ord, p.sheet_ord, p.src_row)) AS names
FROM person p
SEMI JOIN (SELECT hh_key FROM check_hh_facts
           WHERE CASE what WHEN 'head' THEN m_heads >= 2 WHEN 'spouse' THEN m_spouses >= 2
                           WHEN 'dibao' THEN m_dibao WHEN 'tekun' THEN m_tekun END) f ON f.hh_key = p.hh_key
WHERE p.status = '正常'
  AND CASE what WHEN 'head' THEN p.relation = '户主' WHEN 'spouse' THEN p.relation = '配偶'
                WHEN 'dibao' THEN p.dibao WHEN 'tekun' THEN p.tekun END
GROUP BY p.hh_key;

-- The counted 一卡通 money in the window per ID of the three kinds of item
-- the checks compare with the survey: 养老金 (C_PENSION_NOT_ENROLLED), 低保
-- (C_DIBAO_CARD), 特困供养 (C_TEKUN_CARD); NULL: none of that kind. Counted as
-- card_counted counts (income.sql: dated in the window, no excluded item),
-- but the few matching labels are found first and the payment rows joined
-- to them: through card_counted, which joins every payment to its label
-- before looking at the item, it cost eight times as much (30k households).
CREATE OR REPLACE TABLE check_card AS
WITH labels AS (
    SELECT l.label,
           strpos(l.item, '养老金') > 0                                     AS pension,
           strpos(l.item, '低保') > 0 OR strpos(l.item, '最低生活保障') > 0 AS dibao,
           strpos(l.item, '特困') > 0 OR strpos(l.item, '供养') > 0         AS tekun
    FROM card_labels l
    WHERE (pension OR dibao OR tekun)
      AND NOT EXISTS (SELECT 1 FROM card_item_excluded x WHERE x.item IS NOT DISTINCT FROM l.item)
)
SELECT r.id,
       sum(r.amount) FILTER (WHERE l.pension) AS pension,
       sum(r.amount) FILTER (WHERE l.dibao)   AS dibao,
       sum(r.amount) FILTER (WHERE l.tekun)   AS tekun
FROM card_rows r
JOIN labels l ON l.label = r.label
CROSS JOIN params p
WHERE r.pay_date BETWEEN p.window_start AND p.window_end
GROUP BY r.id;

-- C_DIBAO_CARD and C_TEKUN_CARD (kind = 'dibao' or 'tekun'): households
-- whose persons' registration disagrees with the 一卡通 payments of that kind
-- in the window. registered: a person of M says yes (names: who); amount:
-- the payments to anyone listed in the household (as for income, SPEC §4),
-- each ID once. A household with a registration and no payment is reported
-- only in a village the 一卡通 data covers (a file without a village column
-- covers all, SPEC §5.4); one without the column on its sheet, never.
CREATE OR REPLACE MACRO card_aid_mismatch(kind) AS TABLE
WITH paid AS (
    SELECT hh_key, sum(amount) AS amount
    FROM (SELECT DISTINCT p.hh_key, p.id, CASE kind WHEN 'dibao' THEN c.dibao ELSE c.tekun END AS amount
          FROM person p JOIN check_card c ON c.id = p.id)
    WHERE amount IS NOT NULL
    GROUP BY hh_key
), covered AS (
    SELECT DISTINCT coalesce(village, '') AS village FROM card_labels
)
SELECT h.hh_key, h.township, h.village, h.file_ord, h.sheet_ord, h.src_row,
       CASE kind WHEN 'dibao' THEN h.m_dibao ELSE h.m_tekun END AS registered,
       n.names, c.amount
FROM check_hh h
LEFT JOIN paid c ON c.hh_key = h.hh_key
LEFT JOIN member_names(kind) n ON n.hh_key = h.hh_key
WHERE CASE kind WHEN 'dibao' THEN h.dibao_col ELSE h.tekun_col END
  AND ((registered AND c.hh_key IS NULL
        AND (h.village IN (SELECT village FROM covered) OR '' IN (SELECT village FROM covered)))
    OR (NOT registered AND c.hh_key IS NOT NULL));

-- The survey reader's findings of one code (survey_issue), each household
-- and field once, at its first row: the national export repeats household
-- fields on every member's row.
CREATE OR REPLACE MACRO first_issue(issue_code) AS TABLE
WITH first AS (
    SELECT hh_key, field, min(input_pos(file_ord, sheet_ord, src_row)) AS pos
    FROM survey_issue
    WHERE code = issue_code
    GROUP BY hh_key, field
)
SELECT i.*, h.township, h.village
FROM survey_issue i
JOIN first f ON f.hh_key = i.hh_key AND f.field = i.field
            AND f.pos = input_pos(i.file_ord, i.sheet_ord, i.src_row)
LEFT JOIN household h ON h.hh_key = i.hh_key
WHERE i.code = issue_code;

CREATE OR REPLACE VIEW out_checks AS
SELECT coalesce(f.township, h.township, '') AS "乡镇",
       coalesce(f.village, h.village, '')   AS "村",
       coalesce(f.hh_key, '')   AS "户编号",
       coalesce(f.id, '')       AS "身份证号",
       coalesce(f.name, '')     AS "姓名",
       f.code                   AS "检查编码",
       coalesce(r.title, '')    AS "问题",
       f.level                  AS "级别",
       coalesce(f.detail, '')   AS "说明",
       CASE WHEN s.src_file IS NULL THEN ''
            WHEN coalesce(s.src_sheet, '') = '' THEN s.src_file || ' 第' || f.src_row || '行'
            ELSE s.src_file || ' [' || s.src_sheet || '] 第' || f.src_row || '行'
       END                      AS "来源"
FROM check_finding f
LEFT JOIN household h ON h.hh_key = f.hh_key
LEFT JOIN rule_info r ON r.code = f.code
LEFT JOIN source s ON s.file_ord = f.file_ord AND s.sheet_ord = f.sheet_ord
ORDER BY "乡镇", "村", "户编号", "检查编码", "身份证号", "来源", "说明";
