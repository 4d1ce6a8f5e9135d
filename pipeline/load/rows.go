package load

import "database/sql/driver"

// The column values of each table, in schema.sql order. Money goes in as
// int64 fen: the driver stores an integer into a DECIMAL(18,2) column as its
// unscaled value, which is exactly fen (a test keeps this true).

func srcValues(src Source, row int) []driver.Value {
	return []driver.Value{int32(src.FileOrd), int32(src.SheetOrd), src.File, src.Sheet, int32(row)}
}

func (r *Card) values(src Source) []driver.Value {
	return append(srcValues(src, r.Row),
		r.ID, r.IDValid, r.Name, r.NameKey, r.Item, r.Township, r.Village, r.Status, r.Serial,
		int64(r.Amount), r.Date.Time())
}

func (r *CardSkipped) values(src Source) []driver.Value {
	return append(srcValues(src, r.Row),
		r.ID, r.Name, r.Item, r.Status, r.Amount.value(), r.Date.value(), r.Reason)
}

func (r *Medical) values(src Source) []driver.Value {
	return append(srcValues(src, r.Row),
		r.ID, r.IDValid, r.Name, r.NameKey, r.Hospital, r.Serial, int64(r.Selfpay), r.Date.Time())
}

func (r *Household) values(src Source) []driver.Value {
	return append(srcValues(src, r.Row),
		r.Key, r.No, r.Township, r.Village, r.Type, r.MonitorType, r.MonitorSince.value(),
		r.Eliminated.value(), r.Fallback.value(), r.SizeDeclared.value(),
		int64(r.Wage), int64(r.Business), int64(r.BusinessCost), int64(r.Property),
		int64(r.Transfer), int64(r.Claims), int64(r.Selfpay),
		r.PCDeclared.value(), r.PCLastYear.value(),
		r.Edu.value(), r.Med.value(), r.House.value(), r.Water.value())
}

func (r *Person) values(src Source) []driver.Value {
	return append(srcValues(src, r.Row),
		r.HHKey, r.ID, r.IDValid, r.Name, r.NameKey, r.Relation, r.Labor, r.Health, int32(r.Disability),
		r.Status, r.StatusDate.value(), r.BirthDate.value())
}

func (r *Reject) values(src Source) []driver.Value {
	return append(srcValues(src, r.Row), r.Kind, r.Reason, r.Raw)
}
