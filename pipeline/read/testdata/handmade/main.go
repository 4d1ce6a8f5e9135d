// Command handmade writes testdata/handmade.xlsx, the workbook that LibreOffice
// converted to testdata/handmade.xls:
//
//	go run ./pipeline/read/testdata/handmade && mv handmade.xlsx pipeline/read/testdata/
//	soffice --headless --convert-to xls --outdir pipeline/read/testdata pipeline/read/testdata/handmade.xlsx
package main

import (
	"fmt"
	"log"

	"github.com/xuri/excelize/v2"
)

func main() {
	f := excelize.NewFile()
	s1 := "排查表"
	f.SetSheetName("Sheet1", s1)
	must := func(err error) {
		if err != nil {
			log.Fatal(err)
		}
	}
	must(f.SetCellValue(s1, "A1", "白音哈达嘎查入户排查表"))
	must(f.MergeCell(s1, "A1", "H1"))
	must(f.SetSheetRow(s1, "A2", &[]any{"姓名", "身份证号", "身份证号(数字)", "收入情况", "", "出生日期", "备注", "合计"}))
	must(f.MergeCell(s1, "D2", "E2"))
	must(f.SetSheetRow(s1, "A3", &[]any{"", "", "", "工资性收入", "转移性收入"}))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	custDate, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy\"年\"m\"月\"d\"日\"")})
	must(err)
	rows := [][]any{
		{"额尔德木图·吉日嘎拉", "150502194904138864", 150521199010041021.0, 198, 1103.95, 44682, "低保户", nil},
		{"杨桂兰", "15052119780720077X", 1.50521197807e17, 12345678, -3.5, 44927, "", nil},
		{"哈斯·白音仓", "150521196604118544", 150521196604118544.0, 0.1, 1e-7, 45046, "备注：长文本，含逗号,和\"引号\"", nil},
		{"王 小明", "", nil, 2500.5, 100, 44562, "", nil},
	}
	for i, r := range rows {
		cell := fmt.Sprintf("A%d", i+4)
		must(f.SetSheetRow(s1, cell, &r))
		must(f.SetCellStyle(s1, fmt.Sprintf("F%d", i+4), fmt.Sprintf("F%d", i+4), dateStyle))
	}
	must(f.SetCellStyle(s1, "F7", "F7", custDate))
	must(f.SetCellFormula(s1, "H4", "D4+E4"))
	must(f.SetCellFormula(s1, "H5", "D5+E5"))
	must(f.SetCellValue(s1, "A9", "合计"))
	must(f.SetCellBool(s1, "B9", true))
	must(f.SetCellFormula(s1, "D9", "SUM(D4:D7)"))

	s2 := "第二页"
	_, err = f.NewSheet(s2)
	must(err)
	must(f.SetSheetRow(s2, "A1", &[]any{"序号", "村", "金额（元）"}))
	must(f.SetSheetRow(s2, "A2", &[]any{1, "新发村", 320}))
	must(f.SetSheetRow(s2, "A5", &[]any{2, "巴彦吐嘎查", 188.88}))
	must(f.SetSheetRow(s2, "C6", &[]any{"只有C列"}))

	// many distinct Chinese strings: forces the .xls shared string table across CONTINUE records
	s3 := "长字符串"
	_, err = f.NewSheet(s3)
	must(err)
	for i := 0; i < 400; i++ {
		must(f.SetSheetRow(s3, fmt.Sprintf("A%d", i+1), &[]any{fmt.Sprintf("第%d户·乌兰察布市察哈尔右翼前旗巴音塔拉镇", i), i * 7}))
	}
	must(f.SaveAs("handmade.xlsx"))
}

func ptr(s string) *string { return &s }
