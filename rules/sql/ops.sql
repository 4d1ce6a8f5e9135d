-- code: OPS
-- title: 系统操作清单
-- basis: SPEC §6.2；工作方案 §三(三)5（系统录入、风险消除标注、人口自然增减）
-- stage: ops
--
-- The clerk's to-do list for the national system after the comparison
-- (work plan §三(三)5, 6月11日—15日): one row per action. Each rule of
-- rules/sql/ops/ inserts its actions into system_op; 操作 is that rule's
-- title and 依据 the rule or list the action rests on. Household actions
-- carry the 户主's ID and name in 身份证号 and 姓名 (id and name NULL here).
CREATE OR REPLACE TABLE system_op (
    code VARCHAR, township VARCHAR, village VARCHAR, hh_key VARCHAR,
    id VARCHAR, name VARCHAR, basis VARCHAR, note VARCHAR
);

CREATE OR REPLACE VIEW out_system_ops AS
SELECT coalesce(o.township, '')               AS "乡镇",
       coalesce(o.village, '')                AS "村",
       coalesce(o.hh_key, '')                 AS "户编号",
       coalesce(h.head_name, '')              AS "户主姓名",
       coalesce(o.id, h.head_id, '')          AS "身份证号",
       coalesce(o.name, h.head_name, '')      AS "姓名",
       r.title                                AS "操作",
       coalesce(o.basis, '')                  AS "依据",
       coalesce(o.note, '')                   AS "说明"
FROM system_op o
JOIN rule_info r ON r.code = o.code
LEFT JOIN hh_income h ON h.hh_key = o.hh_key
ORDER BY "乡镇", "村", "户编号", "操作", "身份证号", "依据", "说明";
