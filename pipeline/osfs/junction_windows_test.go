package osfs

import (
	"bytes"
	"testing"
)

// The mount point reparse buffer, laid out by hand from Microsoft's
// REPARSE_DATA_BUFFER: Wine 8 cannot make junctions, so this is what
// checks the layout that real Windows reads.
func TestJunctionData(t *testing.T) {
	u := func(s string) []byte { // UTF-16LE of ASCII s
		var b []byte
		for _, c := range s {
			b = append(b, byte(c), 0)
		}
		return b
	}
	want := []byte{
		0x03, 0x00, 0x00, 0xA0, // IO_REPARSE_TAG_MOUNT_POINT
		36, 0, // ReparseDataLength: 8 + 18 + 10
		0, 0, // Reserved
		0, 0, 16, 0, // SubstituteNameOffset, SubstituteNameLength (\??\C:\a, 8 characters)
		18, 0, 8, 0, // PrintNameOffset (after its NUL), PrintNameLength (C:\a)
	}
	want = append(want, u(`\??\C:\a`)...)
	want = append(want, 0, 0)
	want = append(want, u(`C:\a`)...)
	want = append(want, 0, 0)
	if got := junctionData(`C:\a`); !bytes.Equal(got, want) {
		t.Errorf("junctionData(`C:\\a`) =\n% x\nwant\n% x", got, want)
	}
}
