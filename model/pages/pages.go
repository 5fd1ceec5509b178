// Package pages reads what a page shows as its viewer sees it: rows with the
// pending likes in their counters, the viewer's likes and follows, and the
// authors, in one pipelined Redis round trip when everything is warm.
package pages

import (
	"context"
	"sync/atomic"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/model"
	"douyin/pkg/likestore"
	"douyin/pkg/rediscoll"
)

// Reader reads pages. It remembers what never changes between pages (video
// authors) and the last head of the feed; build one per process.
type Reader struct {
	cacheNode, data *redis.Redis // the row cache node and the data Redis
	users           model.UserModel
	videos          model.VideoModel
	following       *rediscoll.IDSet
	likes           *likestore.Store

	authors  *authorMemo
	feedHead *atomic.Pointer[feedHead]
}

// New returns the page reader over the row cache node (the one node of the
// models' cache) and the data Redis of likes.
func New(cacheNode, data *redis.Redis, users model.UserModel, videos model.VideoModel, follows model.FollowModel,
	likes *likestore.Store) *Reader {
	return &Reader{cacheNode: cacheNode, data: data, users: users, videos: videos, following: follows.FollowingSet(),
		likes: likes, authors: newAuthorMemo(), feedHead: new(atomic.Pointer[feedHead])}
}

// A pageRead is one part of what a page shows (rows, pending counts, flags). It
// queues its commands on the row cache node and on the data Redis, and decodes
// what came back, so that the parts of a page share round trips: on a warm page
// each Redis round trip cost more CPU than all the decoding.
type pageRead interface {
	queueCache(ctx context.Context, p redis.Pipeliner)
	queueData(ctx context.Context, p redis.Pipeliner)
}

// onCache and onData are the reads of one node.
type onCache struct {
	queue func(ctx context.Context, p redis.Pipeliner)
}
type onData struct {
	queue func(ctx context.Context, p redis.Pipeliner)
}

func (r onCache) queueCache(ctx context.Context, p redis.Pipeliner) { r.queue(ctx, p) }
func (onCache) queueData(context.Context, redis.Pipeliner)          {}
func (onData) queueCache(context.Context, redis.Pipeliner)          {}
func (r onData) queueData(ctx context.Context, p redis.Pipeliner)   { r.queue(ctx, p) }

// readPage runs reads in one pipelined round trip when the row cache and the data
// Redis are one server, in one round trip per server otherwise. A command that
// failed is left for its read to find (a nil reply is an answer here: a cold
// cache, which the read then fills).
func (pr *Reader) readPage(ctx context.Context, reads ...pageRead) error {
	queue := func(both bool, node *redis.Redis) error {
		err := node.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
			for _, r := range reads {
				if both || node == pr.cacheNode {
					r.queueCache(ctx, p)
				}
				if both || node == pr.data {
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
	if pr.cacheNode.Addr == pr.data.Addr {
		return queue(true, pr.data)
	}
	if err := queue(false, pr.cacheNode); err != nil {
		return err
	}
	return queue(false, pr.data)
}

// inOrder lists the values of byID in the order of ids, each once. It takes the
// listed entries out of byID, which the callers own.
func inOrder[T any](ids []int64, byID map[int64]*T) []*T {
	list := make([]*T, 0, len(byID))
	for _, id := range ids {
		if v, ok := byID[id]; ok {
			delete(byID, id) // each once
			list = append(list, v)
		}
	}
	return list
}
