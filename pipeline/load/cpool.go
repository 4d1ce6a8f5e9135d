//go:build duckdb_arrow

package load

import (
	"math/bits"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// cPool is the allocator of the batches' C memory. Each batch takes about
// 15 MB and the inserter frees it as the next one fills: from the C
// allocator every batch would be fresh pages that the kernel zeroes on
// first touch (measured: faulting in the batches' pages took about a
// twentieth of the loading's CPU). The pool keeps freed blocks for the
// next batch, zeroing them itself, which costs a fraction of a fault per
// page.
type cPool struct {
	inner memory.Allocator
	keep  int // bytes the pool may hold

	mu   sync.Mutex
	free map[int][][]byte // by capacity, a power of two
	held int
}

func newCPool(inner memory.Allocator, keep int) *cPool {
	return &cPool{inner: inner, keep: keep, free: map[int][][]byte{}}
}

// blockSize is the capacity of the block that holds size bytes.
func blockSize(size int) int {
	if size <= 4096 {
		return 4096
	}
	return 1 << bits.Len(uint(size-1))
}

// Allocate returns size zeroed bytes.
func (p *cPool) Allocate(size int) []byte {
	block := blockSize(size)
	p.mu.Lock()
	list := p.free[block]
	if n := len(list); n > 0 {
		b := list[n-1]
		p.free[block] = list[:n-1]
		p.held -= block
		p.mu.Unlock()
		b = b[:size]
		clear(b)
		return b
	}
	p.mu.Unlock()
	return p.inner.Allocate(block)[:size]
}

// Reallocate returns b resized to size bytes, the bytes it gains zeroed.
func (p *cPool) Reallocate(size int, b []byte) []byte {
	if size <= cap(b) {
		if size > len(b) {
			clear(b[len(b):size])
		}
		return b[:size]
	}
	nb := p.Allocate(size)
	copy(nb, b)
	p.Free(b)
	return nb
}

// Free keeps b for a later Allocate, or gives it back when the pool is full.
func (p *cPool) Free(b []byte) {
	block := cap(b)
	p.mu.Lock()
	if blockSize(block) == block && p.held+block <= p.keep {
		p.free[block] = append(p.free[block], b[:0])
		p.held += block
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	p.inner.Free(b[:block])
}

// drain gives back every block the pool holds, and those freed after it:
// a closed session's leftovers (leftovers.go) are freed once inserted.
func (p *cPool) drain() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.keep = 0
	for block, list := range p.free {
		for _, b := range list {
			p.inner.Free(b[:block])
		}
	}
	clear(p.free)
	p.held = 0
}
