-- code: INCOME
-- title: 家庭收入测算
-- basis: SPEC §4；工作方案 §三(四)1（收入测算周期2022年5月1日至2023年4月30日）、§三(四)2（（纯收入＋理赔收入－合规自付支出）/家庭人口数与7500元比较）
-- stage: income
--
-- Household income recomputation.
-- SPEC §4; work plan §三(四)1 (收入测算周期 2022年5月1日至2023年4月30日) and
-- §三(四)2 (（纯收入＋理赔收入－合规自付支出）/家庭人口数 against the 7500元 line).
--
-- Reads the loaded tables household, person, card, medical and the one-row
-- table params; writes hh_income, one row per household, that every other
-- rule reads. All money is DECIMAL(18,2): exact, never a float.
--
--   M          the household's persons whose status is 正常; n = |M|
--   card       Σ counted 一卡通 amounts dated in the window, over ALL persons
--              listed in the household (dead and moved-out too; an ID listed
--              in two households counts in both). Not counted: failed
--              payments and repeated serials (never loaded), items whose name
--              contains a card.exclude_items word (capital grants).
--   med        Σ 合规自付 of settlements dated in the window, same persons
--   transfer′  max(declared 转移性收入, card)   — verified payments are a floor
--   selfpay′   max(declared 合规自付支出, med)  — 应纳尽纳
--   纯收入′    wage + business − business_cost + property + transfer′
--   gross      纯收入′ + claims;   net = gross − selfpay′
--   below the line: net < line × n, compared exactly.
--   人均纯收入 net / n in fen, rounded half away from zero — display only.
-- The household key, shown in every list as 户编号, is the 户编号, else the
-- 户主's ID (SPEC §3.3); the public lists mask it like any ID.

-- A row's place in input order as one number, for min() and joins over
-- millions of rows (an aggregate over a struct of the three could not spill).
CREATE OR REPLACE MACRO input_pos(file_ord, sheet_ord, src_row) AS
    (file_ord::HUGEINT << 64) + (sheet_ord::HUGEINT << 32) + src_row;

-- The 户主 first, then input order: a household's head is the person of M
-- with the least head_order (SPEC §9: the first person of M, in sheet
-- order, whose relation is 户主; else the first person of M — never a dead
-- or moved-out person). relation is stored canonical (本人 → 户主).
CREATE OR REPLACE MACRO head_order(relation, file_ord, sheet_ord, src_row) AS
    ((relation IS DISTINCT FROM '户主')::HUGEINT << 100) + input_pos(file_ord, sheet_ord, src_row);

-- Whole years from birth to d (month and day compared as numbers: a text
-- comparison of strftime cost a tenth of the data checks' time), and the
-- school age: the age on the 1 September on or before d (SPEC §3.3.1).
-- Every stage's rules use these two.
CREATE OR REPLACE MACRO age_at(birth, d) AS
    year(d) - year(birth)
      - CASE WHEN month(d) * 100 + day(d) < month(birth) * 100 + day(birth) THEN 1 ELSE 0 END;
CREATE OR REPLACE MACRO school_age(birth, d) AS
    age_at(birth, make_date(year(d) - CASE WHEN month(d) < 9 THEN 1 ELSE 0 END, 9, 1));

-- The 一卡通 items whose name contains a card.exclude_items word, looked for
-- once per distinct item: a county's millions of payments carry a few
-- dozen item names, and a word search per payment row cost a third of a
-- second on 3M rows.
CREATE OR REPLACE TABLE card_item_excluded AS
SELECT i.item
FROM (SELECT DISTINCT item FROM card) i
WHERE EXISTS (SELECT 1 FROM exclude_item e WHERE strpos(coalesce(i.item, ''), e.word) > 0);

-- Views, not tables: at a county's tens of millions of payment rows a copy
-- of the counted ones costs more to write than to filter again.
CREATE OR REPLACE VIEW card_counted AS
SELECT c.*
FROM card c, params p
WHERE c.pay_date BETWEEN p.window_start AND p.window_end
  AND NOT EXISTS (SELECT 1 FROM card_item_excluded x WHERE x.item IS NOT DISTINCT FROM c.item);

CREATE OR REPLACE VIEW medical_counted AS
SELECT m.*
FROM medical m, params p
WHERE m.settle_date BETWEEN p.window_start AND p.window_end;

-- The counted money per ID, summed once over the payment rows: joined row
-- by row to the persons, a county's tens of millions of payments cost a
-- hash probe each (measured at 1.3M households: 6.2 s against 1.7 s).
CREATE OR REPLACE TABLE card_by_id AS
SELECT id, sum(amount) AS card FROM card_counted GROUP BY id;

CREATE OR REPLACE TABLE med_by_id AS
SELECT id, sum(selfpay) AS med FROM medical_counted GROUP BY id;

CREATE OR REPLACE TABLE hh_income AS
WITH listed AS (
    SELECT DISTINCT hh_key, id FROM person
), card_sum AS (
    SELECT l.hh_key, sum(c.card) AS card
    FROM listed l JOIN card_by_id c ON c.id = l.id
    GROUP BY l.hh_key
), med_sum AS (
    SELECT l.hh_key, sum(m.med) AS med
    FROM listed l JOIN med_by_id m ON m.id = l.id
    GROUP BY l.hh_key
), members AS (
    -- n counts distinct IDs: a repeated ID's later rows add nothing (SPEC
    -- §3.3; C_ID_DUP_IN_HH reports them).
    SELECT hh_key,
           count(DISTINCT id) FILTER (WHERE status = '正常') AS n,
           -- head: the 户主 of M, else the first person of M (one number as
           -- the key: arg_min over a struct is several times slower)
           arg_min(id,   head_order(relation, file_ord, sheet_ord, src_row)) FILTER (WHERE status = '正常') AS head_id,
           arg_min(name, head_order(relation, file_ord, sheet_ord, src_row)) FILTER (WHERE status = '正常') AS head_name
    FROM person
    GROUP BY hh_key
)
SELECT h.*,
       -- A household whose sheet has no income column at all is not
       -- classified: as n = 0 (SPEC §3.3.1, C_INCOME_MISSING).
       CASE WHEN h.income_missing THEN 0 ELSE coalesce(m.n, 0) END::INTEGER AS n,
       coalesce(m.n, 0)::INTEGER                           AS n_members, -- M's size, whatever the income columns
       m.head_id, m.head_name,
       coalesce(cs.card, 0)::DECIMAL(18,2)                 AS card,
       coalesce(ms.med, 0)::DECIMAL(18,2)                  AS med,
       greatest(h.transfer, coalesce(cs.card, 0))::DECIMAL(18,2) AS transfer_v,
       greatest(h.selfpay, coalesce(ms.med, 0))::DECIMAL(18,2)   AS selfpay_v,
       (h.wage + h.business - h.business_cost + h.property + transfer_v)::DECIMAL(18,2) AS pure,
       (pure + h.claims)::DECIMAL(18,2)                    AS gross,
       (gross - selfpay_v)::DECIMAL(18,2)                  AS net,
       (p.line * n)::DECIMAL(18,2)                         AS threshold,
       h.eliminated IS NOT TRUE
         AND (h.hh_type = '监测户' OR coalesce(h.monitor_type, '') <> '') AS monitored,
       -- net / n in fen, rounded half away from zero (integer arithmetic: exact)
       CASE WHEN n > 0 THEN
           sign(CAST(net * 100 AS BIGINT))
             * ((abs(CAST(net * 100 AS BIGINT)) * 2 + n) // (2 * n))
       END                                                 AS pc_fen,
       (pc_fen::DECIMAL(18,0) * 0.01::DECIMAL(3,2))::DECIMAL(18,2) AS pc -- 人均纯收入, for display
FROM household h
CROSS JOIN params p
LEFT JOIN members m  ON m.hh_key  = h.hh_key
LEFT JOIN card_sum cs ON cs.hh_key = h.hh_key
LEFT JOIN med_sum ms  ON ms.hh_key = h.hh_key;

-- The grade each person has on the 残联 list (SPEC §5.5): the most severe of
-- the rows issued on or before as_of (or undated). It fills a blank survey
-- grade for 因残 and the 兜底 test below, and nothing else (§9: not the
-- §5.4 grade checks). Without a disability list the table is empty.
CREATE OR REPLACE TABLE list_grade AS
SELECT d.id, min(d.grade) AS grade
FROM disability d CROSS JOIN params pr
WHERE d.grade BETWEEN 1 AND 4 AND d.id_valid AND (d.issued IS NULL OR d.issued <= pr.as_of)
GROUP BY d.id;

-- Facts about the members in M that the candidate and elimination rules share.
CREATE OR REPLACE TABLE hh_members AS
SELECT p.hh_key,
       bool_or(p.labor IN ('普通劳动力', '技能劳动力'))                 AS has_labor,
       bool_or(p.health IN ('患有大病', '长期慢性病'))                   AS has_illness,
       bool_or(p.health = '残疾'
               OR coalesce(nullif(p.disability, 0), g.grade) BETWEEN 1 AND 4) AS has_disability,
       bool_or(coalesce(nullif(p.disability, 0), g.grade) IN (1, 2))     AS has_severe_disability,
       bool_or(age_at(p.birth_date, pr.as_of) >= pr.old_age)          AS has_elderly
FROM person p CROSS JOIN params pr
LEFT JOIN list_grade g ON g.id = p.id
WHERE p.status = '正常'
GROUP BY p.hh_key;

-- SPEC §5.1's 候选类型 of a household not monitored (NULL: not a candidate).
-- candidates.sql lists by it; a [[lists]] block of scope candidates looks
-- at the households it names.
CREATE OR REPLACE MACRO candidate_type_of(gross, net, threshold, hh_type) AS
    CASE
        WHEN gross < threshold AND hh_type = '脱贫户' THEN '脱贫不稳定户'
        WHEN gross < threshold AND hh_type = '一般户' THEN '边缘易致贫户'
        WHEN gross >= threshold AND net < threshold THEN '突发严重困难户'
    END;

-- The rows of the [[lists]] blocks (SPEC §3.5, list_decl) that touch a
-- household of the block's scope: a member (M) on a row that counts (dated
-- on or before as_of, or undated; with within = "window", dated in W) and
-- that its where selects (the cell contains one of in, or none of not_in).
-- Scope candidates is the households candidates.csv lists, monitored the
-- monitored ones (elimination.csv), all every household. One row per
-- (code, household, member, list row), so that explain can point at the
-- row. Households with n = 0 are in no scope (§9).
CREATE OR REPLACE TABLE list_hit AS
SELECT d.code, d.label, d.source, d.use, d.use_arg,
       h.hh_key, p.id, p.name, input_pos(p.file_ord, p.sheet_ord, p.src_row) AS person_pos,
       r.file_ord, r.sheet_ord, r.src_row
FROM list_row r
JOIN list_decl d ON d.code = r.code
JOIN person p ON p.id = r.id AND p.status = '正常'
JOIN hh_income h ON h.hh_key = p.hh_key AND h.n > 0
CROSS JOIN params pr
WHERE (CASE WHEN d.within_window THEN r.row_date BETWEEN pr.window_start AND pr.window_end
            ELSE true END)
  AND (r.row_date IS NULL OR r.row_date <= pr.as_of)
  AND CASE d.scope
          WHEN 'monitored' THEN h.monitored
          WHEN 'candidates' THEN NOT h.monitored
                                 AND candidate_type_of(h.gross, h.net, h.threshold, h.hh_type) IS NOT NULL
          ELSE true END
  AND (NOT EXISTS (SELECT 1 FROM list_where w WHERE w.code = d.code)
       OR EXISTS (SELECT 1 FROM list_where w WHERE w.code = d.code AND NOT w.negate
                  AND strpos(coalesce(r.where_value, ''), w.value) > 0)
       OR (EXISTS (SELECT 1 FROM list_where w WHERE w.code = d.code AND w.negate)
           AND NOT EXISTS (SELECT 1 FROM list_where w WHERE w.code = d.code AND w.negate
                           AND strpos(coalesce(r.where_value, ''), w.value) > 0)));

-- use = "guarantee:<g>" (SPEC §5.5): the guarantee is 否 for the verdicts
-- (§5.1 三保障或饮水, §5.2) and GUARANTEE_RISK, which read hh_income; the
-- household table keeps the survey's value for the §5.4 checks and
-- DROPOUT_SUSPECT; GUARANTEE_RISK's 说明 names the list from list_hit.
UPDATE hh_income h SET
    g_edu   = CASE WHEN x.edu   THEN false ELSE h.g_edu END,
    g_med   = CASE WHEN x.med   THEN false ELSE h.g_med END,
    g_house = CASE WHEN x.house THEN false ELSE h.g_house END,
    g_water = CASE WHEN x.water THEN false ELSE h.g_water END
FROM (
    SELECT hh_key,
           bool_or(use_arg = 'edu') AS edu, bool_or(use_arg = 'med') AS med,
           bool_or(use_arg = 'house') AS house, bool_or(use_arg = 'water') AS water
    FROM list_hit WHERE use = 'guarantee' GROUP BY hh_key
) x
WHERE x.hh_key = h.hh_key;

-- 核对疑点 (SPEC §5.5): the labels of the asset lists that touch a household,
-- joined with 、, for the candidates and elimination lists; never public.
CREATE OR REPLACE TABLE hh_verify_note AS
SELECT hh_key, string_agg(DISTINCT label, '、' ORDER BY label) AS note
FROM list_hit WHERE use = 'asset'
GROUP BY hh_key;
