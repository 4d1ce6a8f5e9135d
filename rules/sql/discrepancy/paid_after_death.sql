-- code: PAID_AFTER_DEATH
-- title: 死亡后仍有发放
-- basis: SPEC §5.3；工作方案 §三(三)5（人口自然增减）、§三(四)9
-- stage: discrepancy
--
-- SPEC §5.3; work plan §三(三)5 (人口自然增减) and §三(四)9.
-- A person with status 死亡 and a 一卡通 payment (not failed, not a repeated
-- serial, any item, any date — not only the window) dated strictly after the
-- 变动日期. Without a 变动日期 nothing can be said.
SELECT 'PAID_AFTER_DEATH', '死亡后仍有发放',
       h.township, h.village, h.hh_key, p.id, p.name, '一卡通',
       p.status_date::VARCHAR, sum(c.amount)::DECIMAL(18,2)::VARCHAR, '',
       '死亡日期 ' || p.status_date || ' 之后发放 ' || count(*) || ' 笔，最晚 ' || max(c.pay_date)
FROM person p
JOIN household h ON h.hh_key = p.hh_key
JOIN card c ON c.id = p.id AND c.pay_date > p.status_date
WHERE p.status = '死亡' AND p.status_date IS NOT NULL
GROUP BY h.township, h.village, h.hh_key, p.hh_key, p.id, p.name, p.status_date
