//go:build duckdb_arrow

package load

import (
	"encoding/binary"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/paicha/paicha/pipeline/normalize"
)

// arrowColumn is one column of a batch being filled, its buffers in C
// memory laid out as Arrow wants them. Arrow's own builders cost about
// 35 ns a text value (measured on the payment rows); a batch has a known
// number of rows and few types, so it writes its values in place.
type arrowColumn struct {
	mem    memory.Allocator // the session's C memory (cpool.go)
	typ    arrow.DataType
	kind   columnKind
	values *memory.Buffer // fixed-width values, bits for booleans, offsets for text
	text   *memory.Buffer // the bytes of the texts
	valid  *memory.Buffer // validity bits; nil until the batch's first NULL
	n      int            // values so far
	nulls  int
	used   int // bytes of text so far
}

type columnKind uint8

const (
	kindText columnKind = iota
	kindBool
	kindInt32
	kindDate
	kindFen
)

func (k columnKind) String() string {
	return [...]string{"text", "boolean", "integer", "date", "money"}[k]
}

func newArrowColumn(mem memory.Allocator, sqlType string) (*arrowColumn, error) {
	c := &arrowColumn{mem: mem}
	switch sqlType {
	case "VARCHAR":
		c.typ, c.kind = arrow.BinaryTypes.String, kindText
	case "BOOLEAN":
		c.typ, c.kind = arrow.FixedWidthTypes.Boolean, kindBool
	case "INTEGER":
		c.typ, c.kind = arrow.PrimitiveTypes.Int32, kindInt32
	case "DATE":
		c.typ, c.kind = arrow.FixedWidthTypes.Date32, kindDate
	case "DECIMAL(18,2)":
		c.typ, c.kind = &arrow.Decimal64Type{Precision: 18, Scale: 2}, kindFen
	default:
		return nil, fmt.Errorf("type %s has no Arrow mapping", sqlType)
	}
	return c, nil
}

// start gives the column fresh buffers for a batch of rows values and
// about textBytes bytes of text (zeroed: bits and padding start at zero).
func (c *arrowColumn) start(rows, textBytes int) {
	c.values = memory.NewResizableBuffer(c.mem)
	switch c.kind {
	case kindText:
		c.values.Resize(4 * (rows + 1))
		c.text = memory.NewResizableBuffer(c.mem) // its length is its capacity; used is what is filled
		c.text.Resize(max(textBytes, 64))
	case kindBool:
		c.values.Resize((rows + 7) / 8)
	case kindFen:
		c.values.Resize(8 * rows)
	default:
		c.values.Resize(4 * rows)
	}
	c.valid, c.n, c.nulls, c.used = nil, 0, 0, 0
}

func (c *arrowColumn) setValid() {
	if c.valid != nil {
		setBit(c.valid.Bytes(), c.n)
	}
}

func setBit(bits []byte, i int) { bits[i>>3] |= 1 << (i & 7) }

func (c *arrowColumn) appendText(s string) {
	if need := c.used + len(s); need > c.text.Len() {
		c.text.Resize(max(need, 2*c.text.Len()))
	}
	copy(c.text.Bytes()[c.used:], s)
	c.used += len(s)
	c.setValid()
	c.n++
	binary.LittleEndian.PutUint32(c.values.Bytes()[4*c.n:], uint32(c.used))
}

func (c *arrowColumn) appendBool(v bool) {
	if v {
		setBit(c.values.Bytes(), c.n)
	}
	c.setValid()
	c.n++
}

func (c *arrowColumn) appendInt32(v int32) {
	binary.LittleEndian.PutUint32(c.values.Bytes()[4*c.n:], uint32(v))
	c.setValid()
	c.n++
}

func (c *arrowColumn) appendFen(f normalize.Fen) {
	// A 64-bit decimal: the unscaled value, as DECIMAL(18,2) stores it.
	binary.LittleEndian.PutUint64(c.values.Bytes()[8*c.n:], uint64(f))
	c.setValid()
	c.n++
}

func (c *arrowColumn) appendNull() {
	if c.valid == nil {
		c.valid = memory.NewResizableBuffer(c.mem)
		rows := c.capacity()
		c.valid.Resize((rows + 7) / 8)
		bits := c.valid.Bytes()
		for i := 0; i < c.n; i++ {
			setBit(bits, i)
		}
	}
	c.nulls++
	c.n++
	if c.kind == kindText {
		binary.LittleEndian.PutUint32(c.values.Bytes()[4*c.n:], uint32(c.used))
	}
}

// capacity is the rows the column's buffers hold.
func (c *arrowColumn) capacity() int {
	switch c.kind {
	case kindText:
		return c.values.Len()/4 - 1
	case kindBool:
		return 8 * c.values.Len()
	case kindFen:
		return c.values.Len() / 8
	}
	return c.values.Len() / 4
}

// finish hands the column's values over as an Arrow array; start must be
// called again before the next value.
func (c *arrowColumn) finish() arrow.Array {
	var buffers []*memory.Buffer
	switch c.kind {
	case kindText:
		c.values.Resize(4 * (c.n + 1))
		c.text.Resize(c.used)
		buffers = []*memory.Buffer{c.valid, c.values, c.text}
	case kindBool:
		c.values.Resize((c.n + 7) / 8)
		buffers = []*memory.Buffer{c.valid, c.values}
	case kindFen:
		c.values.Resize(8 * c.n)
		buffers = []*memory.Buffer{c.valid, c.values}
	default:
		c.values.Resize(4 * c.n)
		buffers = []*memory.Buffer{c.valid, c.values}
	}
	if c.valid != nil {
		c.valid.Resize((c.n + 7) / 8)
	}
	data := array.NewData(c.typ, c.n, buffers, nil, c.nulls, 0)
	for _, b := range buffers {
		if b != nil {
			b.Release() // data holds them now
		}
	}
	a := array.MakeFromData(data)
	data.Release()
	c.values, c.text, c.valid = nil, nil, nil
	return a
}

// release frees the buffers of a column that was started and not finished.
func (c *arrowColumn) release() {
	for _, b := range []*memory.Buffer{c.values, c.text, c.valid} {
		if b != nil {
			b.Release()
		}
	}
	c.values, c.text, c.valid = nil, nil, nil
}
