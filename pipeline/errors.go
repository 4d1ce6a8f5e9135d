package pipeline

import (
	"errors"
	"fmt"
)

// The errors of a run that the command words for the user and maps to an
// exit status (cmd/paicha decides both, SPEC §1). Any other error is a
// failure of the run.

// ErrNoInput is returned when the PATHs hold no input file at all.
var ErrNoInput = errors.New("在给出的路径下没有找到 .xlsx、.xlsm、.xls 或 .csv 文件")

// DBPathError is returned when Config.DBPath, where the run database is to
// be kept, is a folder.
type DBPathError struct{ Path string }

func (e *DBPathError) Error() string {
	return fmt.Sprintf("运行数据库的位置 %s 是文件夹，应为文件", e.Path)
}
