package ingest

import (
	"testing"

	"github.com/paicha/paicha/pipeline/header"
)

// A field the rows read that no header table knows would never have a
// column: every one must be a field of some kind of input.
func TestFieldsAreKnown(t *testing.T) {
	known := map[string]bool{}
	for _, fs := range []header.Fields{header.Card, header.Medical, header.Survey} {
		for _, f := range fs {
			known[f.Name] = true
		}
	}
	for _, name := range fieldNames {
		if !known[name] {
			t.Errorf("field %q is in no header table (pipeline/header/aliases.go)", name)
		}
	}
}
