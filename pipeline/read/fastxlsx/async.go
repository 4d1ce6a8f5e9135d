package fastxlsx

import (
	"io"
	"runtime"
)

// asyncThreshold is the decompressed part size from which a sheet is
// decompressed in a separate goroutine, overlapping inflate with parsing.
const asyncThreshold = 4 << 20

const asyncChunk = 512 << 10

// asyncReader reads src in a goroutine into a small ring of chunks.
type asyncReader struct {
	full chan chunk
	free chan []byte
	done chan struct{}
	exit chan struct{}
	cur  chunk
	off  int
	err  error
}

type chunk struct {
	b   []byte
	err error
}

func useAsync(size uint64) bool {
	return size >= asyncThreshold && runtime.GOMAXPROCS(0) > 1
}

func newAsyncReader(src io.Reader) *asyncReader {
	const n = 4
	a := &asyncReader{
		full: make(chan chunk, n),
		free: make(chan []byte, n),
		done: make(chan struct{}),
		exit: make(chan struct{}),
	}
	for i := 0; i < n; i++ {
		a.free <- make([]byte, asyncChunk)
	}
	go a.loop(src)
	return a
}

func (a *asyncReader) loop(src io.Reader) {
	defer close(a.exit)
	for {
		var buf []byte
		select {
		case buf = <-a.free:
		case <-a.done:
			return
		}
		n, err := io.ReadFull(src, buf)
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		select {
		case a.full <- chunk{b: buf[:n], err: err}:
		case <-a.done:
			return
		}
		if err != nil {
			return
		}
	}
}

func (a *asyncReader) Read(p []byte) (int, error) {
	for a.off >= len(a.cur.b) {
		if a.err != nil {
			return 0, a.err
		}
		if a.cur.b != nil {
			a.free <- a.cur.b[:cap(a.cur.b)]
			a.cur.b = nil
		}
		c := <-a.full
		a.cur, a.off = c, 0
		if c.err != nil {
			a.err = c.err
		}
		if len(c.b) == 0 {
			a.cur.b = nil
		}
	}
	n := copy(p, a.cur.b[a.off:])
	a.off += n
	return n, nil
}

// stop ends the goroutine and waits for it, so that the source can be
// closed safely.
func (a *asyncReader) stop() {
	close(a.done)
	<-a.exit
}
