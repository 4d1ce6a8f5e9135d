//go:build duckdb_arrow

package load

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestCPool(t *testing.T) {
	tests := []struct {
		name  string
		keep  int
		sizes []int // allocated, dirtied and freed in turn, then allocated again
		held  int   // bytes the pool holds after the frees
	}{
		{"small blocks share a page size", 1 << 20, []int{1, 100, 4096}, 3 * 4096},
		{"a block is the next power of two", 1 << 20, []int{4097, 65536}, 8192 + 65536},
		{"past keep, blocks go back", 8192, []int{4096, 4096, 4096}, 8192},
		{"keep 0 holds nothing", 0, []int{100, 1 << 20}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checked := memory.NewCheckedAllocator(cAlloc)
			p := newCPool(checked, tt.keep)
			var bufs [][]byte
			for _, n := range tt.sizes {
				b := p.Allocate(n)
				if len(b) != n {
					t.Fatalf("Allocate(%d) has length %d", n, len(b))
				}
				for i := range b {
					b[i] = 0xff
				}
				bufs = append(bufs, b)
			}
			for _, b := range bufs {
				p.Free(b)
			}
			if p.held != tt.held {
				t.Errorf("pool holds %d bytes, want %d", p.held, tt.held)
			}
			for _, n := range tt.sizes {
				b := p.Allocate(n)
				for i, v := range b {
					if v != 0 {
						t.Fatalf("Allocate(%d) of a used block: byte %d is %#x, want 0", n, i, v)
					}
				}
				p.Free(b)
			}
			p.drain()
			checked.AssertSize(t, 0)
		})
	}
}

func TestCPoolReallocate(t *testing.T) {
	checked := memory.NewCheckedAllocator(cAlloc)
	p := newCPool(checked, 1<<20)
	b := p.Allocate(5000) // a block of 8192
	for i := range b {
		b[i] = byte(i)
	}
	b = p.Reallocate(100, b)  // shrinks in place
	b = p.Reallocate(8000, b) // grows in place: the bytes it gains are zero
	for i, v := range b {
		if want := byte(i); i >= 100 {
			want = 0
			if v != want {
				t.Fatalf("byte %d is %#x after growing in place, want 0", i, v)
			}
		} else if v != want {
			t.Fatalf("byte %d is %#x after growing in place, want %#x", i, v, want)
		}
	}
	b = p.Reallocate(20000, b) // moves to a block of 32768, keeping the bytes
	if len(b) != 20000 || cap(b) != 32768 || b[99] != 99 || b[100] != 0 || b[19999] != 0 {
		t.Fatalf("after moving: len %d cap %d, b[99] %d b[100] %d b[19999] %d", len(b), cap(b), b[99], b[100], b[19999])
	}
	p.Free(b)
	p.drain()
	checked.AssertSize(t, 0)
}
