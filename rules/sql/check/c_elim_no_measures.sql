-- code: C_ELIM_NO_MEASURES
-- title: 帮扶消除但无帮扶措施
-- basis: SPEC §5.4；工作方案 §三(四)6（排查已消除风险监测对象情况）
-- stage: check
-- level: 疑点
-- needs: eliminated elim_way m_industry|m_employment|m_finance|m_welfare_job|m_health|m_education|m_compulsory_edu|m_housing|m_water|m_assist|m_social|m_relocation|m_living|m_infra
--
-- Marked eliminated 帮扶消除 (by assistance) with all 14 帮扶措施 columns
-- blank: the assistance is not on record.
SELECT 'C_ELIM_NO_MEASURES', '疑点', hh_key, NULL, NULL, township, village,
       '风险消除方式为帮扶消除，帮扶措施均为空',
       file_ord, sheet_ord, src_row
FROM check_hh
WHERE eliminated AND elim_way = '帮扶消除' AND measure_cols AND no_measures
