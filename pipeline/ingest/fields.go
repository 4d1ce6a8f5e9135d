package ingest

import (
	"github.com/paicha/paicha/pipeline/header"
	"github.com/paicha/paicha/pipeline/load"
)

// field is a column of SPEC §3 (header.Fields), looked up by index: each
// sheet resolves the columns of every field once (fieldCols), and a row's
// cells are then found without a map lookup per cell.
type field int

var fieldNames []string

func newField(name string) field {
	fieldNames = append(fieldNames, name)
	return field(len(fieldNames) - 1)
}

// The fields the rows read (header.Card, header.Medical and header.Survey
// name them).
var (
	fAidPay       = newField("aid_pay")
	fAmount       = newField("amount")
	fBusiness     = newField("business")
	fBusinessCost = newField("business_cost")
	fClaims       = newField("claims")
	fDate         = newField("date")
	fDisability   = newField("disability")
	fEdu          = newField("edu")
	fEliminated   = newField("eliminated")
	fFallback     = newField("fallback")
	fFundPay      = newField("fund_pay")
	fHealth       = newField("health")
	fHHNo         = newField("hh_no")
	fHHType       = newField("hh_type")
	fHospital     = newField("hospital")
	fHouse        = newField("house")
	fID           = newField("id")
	fItem         = newField("item")
	fLabor        = newField("labor")
	fMed          = newField("med")
	fMonitorSince = newField("monitor_since")
	fMonitorType  = newField("monitor_type")
	fName         = newField("name")
	fPCDeclared   = newField("pc_declared")
	fPCLastYear   = newField("pc_last_year")
	fPolicyTotal  = newField("policy_total")
	fProperty     = newField("property")
	fRelation     = newField("relation")
	fSelfpay      = newField("selfpay")
	fSerial       = newField("serial")
	fSeriousPay   = newField("serious_pay")
	fSizeDeclared = newField("size_declared")
	fStatus       = newField("status")
	fStatusDate   = newField("status_date")
	fTownship     = newField("township")
	fTransfer     = newField("transfer")
	fVillage      = newField("village")
	fWage         = newField("wage")
	fWater        = newField("water")

	// SPEC §3.3.1.
	fEduProblem   = newField("edu_problem")
	fMedProblem   = newField("med_problem")
	fHouseProblem = newField("house_problem")
	fWaterSolved  = newField("water_solved")
	fWaterProblem = newField("water_problem")
	fRisks        = newField("risks")
	fDevStatus    = newField("dev_status")
	fElimWay      = newField("elim_way")
	fElimDate     = newField("elim_date")
	fAfterHouse   = newField("after_house")
	fAfterWater   = newField("after_water")
	fAfterEdu     = newField("after_edu")
	fAfterMed     = newField("after_med")
	fAfterPC      = newField("after_pc")
	fContact      = newField("contact")
	fSex          = newField("sex")
	fSchool       = newField("school")
	fEduLevel     = newField("edu_level")
	fNoSchool     = newField("noschool")
	fInsResident  = newField("ins_resident")
	fInsEmployee  = newField("ins_employee")
	fPension      = newField("pension")
	fDibao        = newField("dibao")
	fTekun        = newField("tekun")
	fWelfareJob   = newField("welfare_job")
)

// measureFields are the 14 帮扶措施 columns in load.Household.Measures'
// order; edu, house and water are the columns named like a guarantee, which
// are measures only where the sheet's values say so (survey.go).
var measureFields = [load.MeasureCount]field{
	newField("m_industry"), newField("m_employment"), newField("m_finance"), newField("m_welfare_job"),
	newField("m_health"), newField("m_education"), fEdu, fHouse, fWater,
	newField("m_assist"), newField("m_social"), newField("m_relocation"), newField("m_living"), newField("m_infra"),
}

// measureColumns are the household table's names of measureFields.
var measureColumns = [load.MeasureCount]string{
	"m_industry", "m_employment", "m_finance", "m_welfare_job", "m_health", "m_education",
	"m_compulsory_edu", "m_housing", "m_water", "m_assist", "m_social", "m_relocation", "m_living", "m_infra",
}

// fieldCols resolves every field's columns in a layout, best alias first.
func fieldCols(l header.Layout) [][]int {
	cols := make([][]int, len(fieldNames))
	for i, name := range fieldNames {
		cols[i] = l.Cols[name]
	}
	return cols
}
