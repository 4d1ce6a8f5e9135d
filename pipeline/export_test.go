package pipeline

// ForceDiskDB makes every run keep its database in a file, as runs over
// inputs bigger than the memory limit do, until undo is called.
func ForceDiskDB() (undo func()) {
	old := diskThreshold
	diskThreshold = func(string) int64 { return -1 }
	return func() { diskThreshold = old }
}
