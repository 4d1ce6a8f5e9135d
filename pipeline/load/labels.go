package load

import (
	"strings"
	"sync"
)

// cardLabel is the texts a payment row shares with thousands of others,
// stored once in card_labels under a number that card_rows holds
// (schema.sql).
type cardLabel struct{ item, township, village, status string }

// cardLabelRow is a cardLabel with its number: a row of card_labels.
type cardLabelRow struct {
	label int32
	cardLabel
}

func (r *cardLabelRow) columns(w columnWriter, _ Source) {
	w.integer(int(r.label))
	w.text(r.item)
	w.text(r.township)
	w.text(r.village)
	w.text(r.status)
}

// label is what labelNumbers numbers: comparable texts, which clone copies
// out of the reader's buffer (a row's texts may point into it, and a label
// kept for the run would keep the buffer alive).
type label[L any] interface {
	comparable
	clone() L
}

// labelNumbers numbers the distinct labels of a run, for all its sessions.
// It holds each label once: a county's payments carry a few thousand.
type labelNumbers[L label[L]] struct {
	mu      sync.Mutex
	numbers map[L]int32
}

// number returns l's number, and whether l is new to the run: then the
// caller writes its row.
func (n *labelNumbers[L]) number(l L) (num int32, isNew bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if num, ok := n.numbers[l]; ok {
		return num, false
	}
	if n.numbers == nil {
		n.numbers = map[L]int32{}
	}
	num = int32(len(n.numbers)) + 1
	n.numbers[l] = num
	return num, true
}

// labelCache is one session's copy of the numbers it has used, so that the
// sessions take the run's lock only for a label new to them, and of the
// last label, which the next row of a sorted export mostly repeats.
type labelCache[L label[L]] struct {
	run     *labelNumbers[L]
	numbers map[L]int32
	last    L
	lastNum int32
}

// number returns l's number and, when l is new to the run, a copy of l to
// write (else the zero L and false).
func (c *labelCache[L]) number(l L) (num int32, isNew bool, kept L) {
	if c.lastNum != 0 && l == c.last {
		return c.lastNum, false, kept
	}
	num, ok := c.numbers[l]
	if !ok {
		l = l.clone()
		if num, isNew = c.run.number(l); isNew {
			kept = l
		}
		if c.numbers == nil {
			c.numbers = map[L]int32{}
		}
		c.numbers[l] = num
	}
	c.last, c.lastNum = l, num
	return num, isNew, kept
}

func (l cardLabel) clone() cardLabel {
	return cardLabel{strings.Clone(l.item), strings.Clone(l.township), strings.Clone(l.village), strings.Clone(l.status)}
}

// card appends a payment row to card_rows, and its label to card_labels
// when the label is new to the run.
func (s *Session) card(src Source, r *Card) error {
	num, isNew, l := s.cardLabels.number(cardLabel{r.Item, r.Township, r.Village, r.Status})
	if isNew {
		if err := s.append("card_labels", src, &cardLabelRow{num, l}); err != nil {
			return err
		}
	}
	r.label = num
	return s.append("card_rows", src, r)
}
