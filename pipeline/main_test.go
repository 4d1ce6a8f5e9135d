package pipeline_test

import (
	"os"
	"testing"

	"github.com/paicha/paicha/pipeline/read"
)

// The pipeline's tests run with each CSV chunk scrubbed once its rows are
// loaded (read.Chunk.Release): a string kept from one would show in the
// outputs they compare.
func TestMain(m *testing.M) {
	read.ScrubReleased = true
	os.Exit(m.Run())
}
