package rowcache

import (
	"encoding/json"
	"reflect"
	"sync"
	"sync/atomic"
)

// decodeMemo remembers the decoding of recent cached rows by their exact text:
// pages read the same rows again and again, and decoding JSON cost more than the
// rest of a page read. The row still comes from Redis every time, so a changed
// row is a different text and is decoded anew: the memo is never stale.
//
// It keeps two generations of at most decodeMemoSize rows each: a hit in the old
// one moves the row to the new one, and a full new one replaces the old. Hits
// are lock-free reads, which mattered more than exact LRU order: a page of 50
// users looks up 50 rows.
type decodeMemo[T any] struct {
	current, previous atomic.Pointer[memoGeneration]
	rotating          sync.Mutex
}

type memoGeneration struct {
	rows sync.Map // row text -> *T
	size atomic.Int64
}

const decodeMemoSize = 50_000

var decodeMemos sync.Map // reflect.Type -> any (*decodeMemo[T])

func memoOf[T any]() *decodeMemo[T] {
	t := reflect.TypeFor[T]()
	if m, ok := decodeMemos.Load(t); ok {
		return m.(*decodeMemo[T])
	}
	fresh := &decodeMemo[T]{}
	fresh.current.Store(&memoGeneration{})
	fresh.previous.Store(&memoGeneration{})
	m, _ := decodeMemos.LoadOrStore(t, fresh)
	return m.(*decodeMemo[T])
}

// decode answers a fresh copy, so callers may change it.
func (m *decodeMemo[T]) decode(text string) (*T, error) {
	if hit, ok := m.current.Load().rows.Load(text); ok {
		row := *hit.(*T)
		return &row, nil
	}
	if hit, ok := m.previous.Load().rows.Load(text); ok {
		m.keep(text, hit.(*T))
		row := *hit.(*T)
		return &row, nil
	}
	var row T
	if err := json.Unmarshal([]byte(text), &row); err != nil {
		return nil, err
	}
	kept := row
	m.keep(text, &kept)
	return &row, nil
}

func (m *decodeMemo[T]) keep(text string, row *T) {
	gen := m.current.Load()
	gen.rows.Store(text, row)
	if gen.size.Add(1) < decodeMemoSize {
		return
	}
	m.rotating.Lock()
	defer m.rotating.Unlock()
	if m.current.Load() == gen { // not rotated by another caller meanwhile
		m.previous.Store(gen)
		m.current.Store(&memoGeneration{})
	}
}
