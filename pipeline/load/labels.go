package load

import (
	"strings"
	"sync"

	"github.com/paicha/paicha/pipeline/normalize"
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

// labelNumbers numbers the distinct labels of a run, for all its sessions.
// It holds each label once: a county's payments carry a few thousand.
type labelNumbers struct {
	mu      sync.Mutex
	numbers map[cardLabel]int32
}

// number returns l's number, and whether l is new to the run: then the
// caller writes its row.
func (n *labelNumbers) number(l cardLabel) (num int32, isNew bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if num, ok := n.numbers[l]; ok {
		return num, false
	}
	if n.numbers == nil {
		n.numbers = map[cardLabel]int32{}
	}
	num = int32(len(n.numbers)) + 1
	n.numbers[l] = num
	return num, true
}

// labelCache is one session's copy of the numbers it has used, so that the
// sessions take the run's lock only for a label new to them, and of the
// last two different labels, which the next row of a sorted export mostly
// repeats (a person's payments, often of two items in turn).
type labelCache struct {
	run     *labelNumbers
	numbers map[cardLabel]knownLabel
	recent  normalize.Recent[cardLabel, int32] // keys: the cache's own copies
}

// knownLabel is a label as the cache keeps it: its own copy of the texts,
// for the row's texts point into the reader's buffer, which the reader may
// fill again once the row is loaded (read.Chunk.Release).
type knownLabel struct {
	cardLabel
	num int32
}

// number returns l's number, and whether l is new to the run.
func (c *labelCache) number(l cardLabel) (num int32, isNew bool) {
	if num, ok := c.recent.Get(l); ok {
		return num, false
	}
	k, ok := c.numbers[l]
	if !ok {
		k.cardLabel = l.clone()
		k.num, isNew = c.run.number(k.cardLabel)
		if c.numbers == nil {
			c.numbers = map[cardLabel]knownLabel{}
		}
		c.numbers[k.cardLabel] = k
	}
	c.recent.Put(k.cardLabel, k.num)
	return k.num, isNew
}

func (l cardLabel) clone() cardLabel {
	return cardLabel{strings.Clone(l.item), strings.Clone(l.township), strings.Clone(l.village), strings.Clone(l.status)}
}

// card appends a payment row to card_rows, and its label to card_labels
// when the label is new to the run.
func (s *Session) card(src Source, r *Card) error {
	l := cardLabel{r.Item, r.Township, r.Village, r.Status}
	num, isNew := s.cardLabels.number(l)
	if isNew {
		if err := s.append("card_labels", src, &cardLabelRow{num, l}); err != nil {
			return err
		}
	}
	r.label = num
	r.serialFP = s.fingerprint(&s.cardSerials, r.Serial)
	return s.append("card_rows", src, r)
}
