package rowcache

import (
	"fmt"
	"testing"
)

func TestDecodeMemoAnswersFreshCopiesAndForgetsOldRows(t *testing.T) {
	type row struct{ N int }
	memo := memoOf[row]()
	first, err := memo.decode(`{"N":1}`)
	if err != nil || first.N != 1 {
		t.Fatalf("decode: %+v %v", first, err)
	}
	first.N = 99 // a caller changing its copy
	again, err := memo.decode(`{"N":1}`)
	if err != nil || again.N != 1 || again == first {
		t.Fatalf("a remembered row must be a fresh copy of the original: %+v %v", again, err)
	}
	if _, err := memo.decode(`{"N":`); err == nil {
		t.Fatal("bad JSON was accepted")
	}
	// Two generations: after two full ones the first text is forgotten, while a
	// text read all along stays.
	for i := range 2 * decodeMemoSize {
		if _, err := memo.decode(fmt.Sprintf(`{"N":%d}`, i+2)); err != nil {
			t.Fatal(err)
		}
		if i%1000 == 0 {
			_, _ = memo.decode(`{"N":2}`)
		}
	}
	if _, ok := memo.current.Load().rows.Load(`{"N":1}`); ok {
		t.Fatal("an old row is still in the newest generation")
	}
	if _, ok := memo.previous.Load().rows.Load(`{"N":1}`); ok {
		t.Fatal("an old row outlived two generations")
	}
	_, inCurrent := memo.current.Load().rows.Load(`{"N":2}`)
	_, inPrevious := memo.previous.Load().rows.Load(`{"N":2}`)
	if !inCurrent && !inPrevious {
		t.Fatal("a row read all along was forgotten")
	}
	hot, err := memo.decode(`{"N":2}`)
	if err != nil || hot.N != 2 {
		t.Fatalf("a hot row: %+v %v", hot, err)
	}
}
