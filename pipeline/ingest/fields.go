package ingest

import "github.com/paicha/paicha/pipeline/header"

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
)

// fieldCols resolves every field's columns in a layout, best alias first.
func fieldCols(l header.Layout) [][]int {
	cols := make([][]int, len(fieldNames))
	for i, name := range fieldNames {
		cols[i] = l.Cols[name]
	}
	return cols
}
