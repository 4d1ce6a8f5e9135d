-- code: CARD_NOT_SURVEYED
-- title: 一卡通有发放但未排查
-- basis: SPEC §5.3；工作方案 §三(二)（走访排查所有常住农牧户，应纳尽纳）、§二(三)（部门筛查预警）
-- stage: discrepancy
--
-- SPEC §5.3; work plan §三(二) (走访排查所有常住农牧户，
-- 应纳尽纳) and §二(三) (部门筛查预警).
-- Once per ID with a counted payment dated in the window, in a village the
-- survey covers (matched on the village name; any, where the card row names
-- none), that is in no survey household. A village whose survey was not
-- submitted is not reported: nothing says it was screened.
-- The IDs first (card_by_id, income.sql): as an anti-join of the payment
-- rows, DuckDB hashed all millions of them to probe with the persons. (As
-- an EXCEPT, DuckDB guessed the unlisted IDs many and hashed the payment
-- rows again to probe with them: 6.4 s against 1.2 s at 1.3M households.)
WITH unlisted AS (
    SELECT b.id FROM card_by_id b ANTI JOIN person p ON p.id = b.id
), rows AS (
    SELECT c.*, (c.file_ord, c.sheet_ord, c.src_row) AS pos
    FROM card_counted c SEMI JOIN unlisted u ON u.id = c.id
    WHERE c.village = '' OR c.village IN (SELECT village FROM household WHERE village <> '')
)
SELECT 'CARD_NOT_SURVEYED', '一卡通有发放但未排查',
       arg_min(township, pos), arg_min(village, pos), '', id, arg_min(name, pos), '一卡通',
       '', sum(amount)::DECIMAL(18,2)::VARCHAR, '',
       '收入测算周期内一卡通发放 ' || count(*) || ' 笔，未在任何排查户中'
FROM rows
GROUP BY id
