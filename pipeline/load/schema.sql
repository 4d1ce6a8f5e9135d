-- The tables the ingest stage loads and the rules read (rules/sql/*.sql).
-- IDs and codes are VARCHAR (never type-sniffed), money DECIMAL(18,2), dates
-- DATE. Every row keeps where it came from (file_ord, sheet_ord and the
-- 1-based row as Excel shows it) so later stages can point a user at the
-- cell; file_ord/sheet_ord give the input order that "first" means (repeated
-- serials, household heads) and name the file and sheet in source.

-- Each file and sheet that rows came from, once (load.DB.Finish fills it).
-- The row tables hold only its key: a county's millions of payment rows
-- would each repeat the file's name, which costs loading time for nothing
-- (measured: a tenth of the card CSV's reading and loading).
CREATE TABLE source (
    file_ord INTEGER, sheet_ord INTEGER, src_file VARCHAR, src_sheet VARCHAR
);

-- The 一卡通 rows: the view card, over card_rows and card_labels. The texts a
-- payment shares with thousands of others (补贴项目, 乡镇, 村, 发放状态; a
-- county's millions of payments carry a few thousand combinations of them)
-- are stored once, in card_labels, and card_rows holds their number. A text
-- column costs a checkpoint about the same whatever it holds (3.1M rows:
-- 0.2 s on one thread, even when every value is the same, against 0.03 s for
-- an INTEGER), and these four cost a fifth of the card CSV's reading and
-- loading (README, Performance). The rules read the view, which gives the
-- texts back by a join with the few thousand labels, which DuckDB filters
-- first where a rule asks for a village or an item. A session writes a
-- label's row the first time the run meets it (labels.go).
--
-- Serials are stored as appended, not compressed: a serial (流水号) is unique
-- to its row, so the dictionary a checkpoint tries first never pays, and
-- its FSST compression halves the column for five times the checkpoint's
-- cost (3.1M payment serials: 1.0 s against 0.17 s on one thread, 32 MiB
-- against 70 MiB). No rule scans the column: only the search for repeated
-- serials (load.DB.Finish) and `paicha explain`, for one household, read it.
-- serial_hash is the serial's 32-bit fingerprint (NULL: no serial), which
-- the search starts from (load/serials.go); no rule reads it.
CREATE TABLE card_rows (
    file_ord INTEGER, sheet_ord INTEGER, src_row INTEGER,
    id VARCHAR, id_valid BOOLEAN, name VARCHAR, name_key VARCHAR,
    label INTEGER, serial VARCHAR USING COMPRESSION uncompressed, serial_hash INTEGER,
    amount DECIMAL(18,2), pay_date DATE
);

CREATE TABLE card_labels (
    label INTEGER, item VARCHAR, township VARCHAR, village VARCHAR, status VARCHAR
);

-- card_of is the view's query over any table or view of card_rows' columns:
-- the search for repeated serials (load.DB.Finish) reads through it only
-- the rows whose serial's fingerprint repeats, which the view would join
-- with the labels first, every row.
CREATE MACRO card_of(rows_table) AS TABLE
SELECT r.file_ord, r.sheet_ord, r.src_row, r.id, r.id_valid, r.name, r.name_key,
       l.item, l.township, l.village, l.status, r.serial, r.amount, r.pay_date
FROM query_table(rows_table) r JOIN card_labels l ON l.label = r.label;

CREATE VIEW card AS SELECT * FROM card_of('card_rows');

-- 一卡通 rows skipped as not money received (status 失败, 退回, 未发放; SPEC §3.1):
-- counted in summary.json as skipped, kept here only so `paicha explain` can show
-- them. No rule reads this table. Fields that did not parse are NULL / ''.
CREATE TABLE card_skipped (
    file_ord INTEGER, sheet_ord INTEGER, src_row INTEGER,
    id VARCHAR, name VARCHAR, item VARCHAR, status VARCHAR,
    amount DECIMAL(18,2), pay_date DATE, reason VARCHAR
);

-- serial and serial_hash as in card_rows.
CREATE TABLE medical (
    file_ord INTEGER, sheet_ord INTEGER, src_row INTEGER,
    id VARCHAR, id_valid BOOLEAN, name VARCHAR, name_key VARCHAR,
    hospital VARCHAR, serial VARCHAR USING COMPRESSION uncompressed, serial_hash INTEGER,
    selfpay DECIMAL(18,2), settle_date DATE
);

CREATE TABLE household (
    file_ord INTEGER, sheet_ord INTEGER, src_row INTEGER,
    hh_key VARCHAR, hh_no VARCHAR, township VARCHAR, village VARCHAR,
    hh_type VARCHAR, monitor_type VARCHAR, monitor_since DATE,
    eliminated BOOLEAN, fallback BOOLEAN, size_declared INTEGER,
    wage DECIMAL(18,2), business DECIMAL(18,2), business_cost DECIMAL(18,2), property DECIMAL(18,2),
    transfer DECIMAL(18,2), claims DECIMAL(18,2), selfpay DECIMAL(18,2),
    pc_declared DECIMAL(18,2), pc_last_year DECIMAL(18,2),
    g_edu BOOLEAN, g_med BOOLEAN, g_house BOOLEAN, g_water BOOLEAN,
    -- SPEC §3.3.1's household fields. Text is NULL when blank (or when the
    -- sheet has no such column: sheet_field tells which). risks holds the
    -- canonical risk names (因病, 因残, 因学, 因灾, …) joined with 、 in the
    -- SPEC's order; m_* are the 14 帮扶措施 columns as written; after_* are
    -- TRUE where the 风险消除后… column says 是 (a problem).
    risks VARCHAR,
    m_industry VARCHAR, m_employment VARCHAR, m_finance VARCHAR, m_welfare_job VARCHAR,
    m_health VARCHAR, m_education VARCHAR, m_compulsory_edu VARCHAR, m_housing VARCHAR,
    m_water VARCHAR, m_assist VARCHAR, m_social VARCHAR, m_relocation VARCHAR,
    m_living VARCHAR, m_infra VARCHAR,
    dev_status BOOLEAN, elim_way VARCHAR, elim_date DATE,
    after_house BOOLEAN, after_water BOOLEAN, after_edu BOOLEAN, after_med BOOLEAN,
    after_pc DECIMAL(18,2),
    contact VARCHAR,
    g_source VARCHAR,        -- which column and value gave each guarantee (for explain)
    income_missing BOOLEAN   -- the sheet has no income column at all: not classified
);

CREATE TABLE person (
    file_ord INTEGER, sheet_ord INTEGER, src_row INTEGER,
    hh_key VARCHAR, id VARCHAR, id_valid BOOLEAN, name VARCHAR, name_key VARCHAR,
    relation VARCHAR, labor VARCHAR, health VARCHAR, disability INTEGER,
    status VARCHAR, status_date DATE, birth_date DATE,
    -- SPEC §3.3.1's person fields, NULL when blank or absent. sex is 男/女 as
    -- the sheet gives it (the ID's own sex is derived in SQL); the booleans
    -- are TRUE for 是 (dibao, tekun: any 享受 value). disability_cat is the
    -- 残疾类别 1–7 from a 20/22-character 残疾人证号.
    sex VARCHAR, school VARCHAR, edu_level VARCHAR, noschool VARCHAR,
    ins_resident BOOLEAN, ins_employee BOOLEAN, pension BOOLEAN,
    dibao BOOLEAN, tekun BOOLEAN, welfare_job VARCHAR, disability_cat INTEGER
);

-- Which household and person fields each survey sheet has a column for
-- (field = the column's name in household or person; for a 20/22-character
-- 残疾人证号 column, also disability): one row per (sheet, field), src_row
-- the header row. A data check whose fields are on no sheet is not run, and
-- one whose fields the household's own sheet lacks is silent (SPEC §5.4).
CREATE TABLE sheet_field (
    file_ord INTEGER, sheet_ord INTEGER, src_row INTEGER, field VARCHAR
);

-- The kinds of input (survey, card, medical, police, …) of which the run
-- read at least one sheet, once each (the pipeline fills it after reading). A
-- rule that compares with a kind the run was not given is not run and is
-- listed in summary.json's checks_not_run (SPEC §5.4).
CREATE TABLE input_kind (kind VARCHAR);

-- What the survey's reading itself found (SPEC §3.3.1): C_HH_FIELD_CONFLICT
-- (a later row of a household whose non-blank value differs from the first:
-- field, value = the first row's, other = this row's) and C_GUARANTEE_VALUE
-- (a guarantee status outside the 是/否 vocabulary: field, value). src_row is
-- the row that shows it.
CREATE TABLE survey_issue (
    file_ord INTEGER, sheet_ord INTEGER, src_row INTEGER,
    hh_key VARCHAR, id VARCHAR, code VARCHAR, field VARCHAR, value VARCHAR, other VARCHAR
);

CREATE TABLE reject (
    file_ord INTEGER, sheet_ord INTEGER, src_row INTEGER,
    kind VARCHAR, reason VARCHAR, raw VARCHAR
);
