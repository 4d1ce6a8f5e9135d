-- code: PAID_AFTER_DEATH
-- title: 死亡后仍有发放
-- basis: SPEC §5.3；工作方案 §三(三)5（人口自然增减）、§三(四)9
-- stage: discrepancy
--
-- SPEC §5.3; work plan §三(三)5 (人口自然增减) and §三(四)9.
-- A person with status 死亡 and a 一卡通 payment (not failed, not a repeated
-- serial, any item, any date — not only the window) dated strictly after the
-- 变动日期, or, where the survey gives none (or still lists the person as
-- 正常), after the 公安 death date (SPEC §5.5). Without a date nothing can
-- be said.
WITH died AS (
    -- the survey's 死亡 with its date; else a police 死亡 row dated on or
    -- before as_of (SPEC §5.5: also when only police gives the date)
    SELECT p.hh_key, p.id, p.name,
           coalesce(CASE WHEN p.status = '死亡' THEN p.status_date END, x.change_date) AS died_on
    FROM person p
    LEFT JOIN (SELECT x.id, min(x.change_date) AS change_date
               FROM police x CROSS JOIN params pr
               WHERE x.change = '死亡' AND x.id_valid AND x.change_date <= pr.as_of
               GROUP BY x.id) x ON x.id = p.id
    WHERE p.status = '死亡' OR x.id IS NOT NULL
)
SELECT 'PAID_AFTER_DEATH', '死亡后仍有发放',
       h.township, h.village, h.hh_key, p.id, p.name, '一卡通',
       p.died_on::VARCHAR, sum(c.amount)::DECIMAL(18,2)::VARCHAR, '',
       '死亡日期 ' || p.died_on || ' 之后发放 ' || count(*) || ' 笔，最晚 ' || max(c.pay_date)
FROM died p
JOIN household h ON h.hh_key = p.hh_key
JOIN card c ON c.id = p.id AND c.pay_date > p.died_on
WHERE p.died_on IS NOT NULL
GROUP BY h.township, h.village, h.hh_key, p.hh_key, p.id, p.name, p.died_on
