package load

import (
	"context"
	"fmt"
	"sort"
)

// InputKinds records which kinds of input the run read (the table
// input_kind): the rules run a comparison with a kind only when it is there.
func (db *DB) InputKinds(ctx context.Context, kinds []string) error {
	seen := map[string]bool{}
	var distinct []string
	for _, k := range kinds {
		if k != "" && !seen[k] {
			seen[k] = true
			distinct = append(distinct, k)
		}
	}
	sort.Strings(distinct)
	for _, k := range distinct {
		if _, err := db.SQL.ExecContext(ctx, `INSERT INTO input_kind VALUES (?)`, k); err != nil {
			return fmt.Errorf("load: input_kind: %w", err)
		}
	}
	return nil
}
