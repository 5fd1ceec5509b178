package pages

import (
	"sync"

	"douyin/model"
	"douyin/pkg/ids"
)

// authorMemo remembers the author of each video read: a video never changes
// author, and knowing the authors before the rows lets a page read rows and
// authors in the same round trip. When full it starts over (it refills from the
// next pages).
type authorMemo struct {
	mu      sync.RWMutex
	authors map[int64]int64
}

const authorMemoSize = 200_000

func newAuthorMemo() *authorMemo { return &authorMemo{authors: map[int64]int64{}} }

// of answers the authors of ids in their order, each once, and whether every
// one of them was known.
func (a *authorMemo) of(videos []int64) ([]int64, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	authors := make([]int64, 0, len(videos))
	for _, id := range videos {
		author, ok := a.authors[id]
		if !ok {
			return nil, false
		}
		authors = append(authors, author)
	}
	return ids.Unique(authors), true
}

func (a *authorMemo) remember(videos []*model.Video) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.authors)+len(videos) > authorMemoSize {
		a.authors = make(map[int64]int64, len(videos))
	}
	for _, v := range videos {
		a.authors[v.Id] = v.AuthorId
	}
}

// feedHead is the last head page of the feed read: its ids, and the publish
// time of its newest video (a request before it cannot be answered by it).
type feedHead struct {
	ids    []int64
	newest int64
}
