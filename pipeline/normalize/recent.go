package normalize

// Recent remembers the last two different keys it was asked about and
// their answers, for the questions a sorted export asks again: a row's
// cells and labels mostly repeat one of the two rows above (the same
// village, or a person's two items, month after month, in turn), and
// comparing costs a fraction of parsing or looking up again. The ingest
// stage's cell memos (Of) and the load stage's label cache (Get and Put,
// which keep a key of the caller's choosing) share it.
//
// The key used last is tested first; Of stays small enough to be inlined
// where it is called. The one used less lately gives way to a new key.
type Recent[K comparable, V any] struct {
	last, before recentEntry[K, V]
}

type recentEntry[K comparable, V any] struct {
	key K
	val V
	set bool
}

// Of returns the answer for k: the one kept, else miss(k), kept under k.
func (r *Recent[K, V]) Of(k K, miss func(K) V) V {
	if r.last.set && k == r.last.key {
		return r.last.val
	}
	return r.other(k, miss)
}

// other answers a key that is not the last one, which becomes the last:
// from the one before, else by miss. (It repeats promote and Put: calling
// them would make Of too big to be inlined.)
func (r *Recent[K, V]) other(k K, miss func(K) V) V {
	if r.before.set && k == r.before.key {
		r.last, r.before = r.before, r.last
	} else {
		r.before, r.last = r.last, recentEntry[K, V]{k, miss(k), true}
	}
	return r.last.val
}

// Get returns the answer kept for k, and whether there is one.
func (r *Recent[K, V]) Get(k K) (V, bool) {
	if r.last.set && k == r.last.key || r.promote(k) {
		return r.last.val, true
	}
	var none V
	return none, false
}

// Put keeps v under k, a key Get has just not found, as the one used last.
func (r *Recent[K, V]) Put(k K, v V) {
	r.before, r.last = r.last, recentEntry[K, V]{k, v, true}
}

// promote makes the key before the last the last, if it is k.
func (r *Recent[K, V]) promote(k K) bool {
	if !r.before.set || k != r.before.key {
		return false
	}
	r.last, r.before = r.before, r.last
	return true
}
