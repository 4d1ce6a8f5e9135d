package main

// compareHelp heads `paicha compare --help`; the flags follow, each with its default.
const compareHelp = `用法: paicha compare [选项]

比对运行 (comparison run)：读取村入户排查表 (survey)、一卡通发放数据 (card) 和医保结算数据
(medical)，按身份证号关联，重算每户在收入测算周期 (income window) 内的收入，套用监测规则，
写出新识别监测对象候选名单、风险消除建议和疑点清单。不给任何输入选项时，运行自带的示例县数据。

例如:
  paicha compare --survey 排查表/ --card 一卡通/ --medical 医保/ --out 结果
  paicha compare --in 全部数据/ --as-of 2023-03-01 --config 本县参数.toml --out 结果
  paicha compare --survey 排查表/ --card 一卡通/ --medical 医保/ --out 结果 --db 结果.duckdb
  paicha explain 1505211002000002 --db 结果.duckdb      （之后查询某户为什么在名单上）

PATH 是文件或文件夹（文件夹中递归查找 .xlsx、.xlsm、.xls、.csv）；列表选项可重复，也可用逗号分隔。

输出 (outputs，在 --out 文件夹中，文件夹 0700、文件 0600，整体替换):
  candidates.csv 新识别监测对象候选   elimination.csv 风险消除建议   discrepancies.csv 疑点
  rejects.csv 无法使用的输入行        summary.json 各文件读取行数与各规则计数
  report.xlsx 全部名单与汇总          townships/<乡镇>.xlsx 各乡镇名单与问题整改台账
  public/<乡镇>/<村>-公示.xlsx 各村公示（新识别监测对象、风险消除；身份证号打码，可直接打印张贴）

进度 (progress)：在终端上显示进度条；输出重定向到文件时只写普通日志行；-q 不显示。

退出码 (exit status): 0 全部输入已读取；3 有输入文件无法读取（其余照常比对并写出）；
  2 用法错误；1 其他失败（之前的输出文件夹保持不变）。

选项 (flags):
`
