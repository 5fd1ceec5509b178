package model

import (
	"context"
	"strconv"
	"sync"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// A pageRead is one part of what a page shows (rows, pending counts, flags). It
// queues its commands on the row cache node and on the data Redis, and decodes
// what came back, so that the parts of a page share round trips: on a warm page
// each Redis round trip cost more CPU than all the decoding.
type pageRead interface {
	queueCache(ctx context.Context, p redis.Pipeliner)
	queueData(ctx context.Context, p redis.Pipeliner)
}

// readPage runs reads in one pipelined round trip when the row cache and the data
// Redis are one server, in one round trip per server otherwise. A command that
// failed is left for its read to find (a nil reply is an answer here: a cold
// cache, which the read then fills).
func (m *Models) readPage(ctx context.Context, reads ...pageRead) error {
	queue := func(both bool, node *redis.Redis) error {
		err := node.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
			for _, r := range reads {
				if both || node == m.CacheNode {
					r.queueCache(ctx, p)
				}
				if both || node == m.Redis {
					r.queueData(ctx, p)
				}
			}
			return nil
		})
		if err == redis.Nil {
			return nil
		}
		return err
	}
	if m.CacheNode.Addr == m.Redis.Addr {
		return queue(true, m.Redis)
	}
	if err := queue(false, m.CacheNode); err != nil {
		return err
	}
	return queue(false, m.Redis)
}

// idStrings formats ids for HMGET and script arguments.
func idStrings(ids []int64) []string {
	fields := make([]string, len(ids))
	for i, id := range ids {
		fields[i] = strconv.FormatInt(id, 10)
	}
	return fields
}

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
func (a *authorMemo) of(ids []int64) ([]int64, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	authors := make([]int64, 0, len(ids))
	for _, id := range ids {
		author, ok := a.authors[id]
		if !ok {
			return nil, false
		}
		authors = append(authors, author)
	}
	return uniquePositive(authors), true
}

func (a *authorMemo) remember(videos []*Video) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.authors)+len(videos) > authorMemoSize {
		a.authors = make(map[int64]int64, len(videos))
	}
	for _, v := range videos {
		a.authors[v.Id] = v.AuthorId
	}
}
