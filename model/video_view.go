package model

import (
	"context"
	"slices"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// VideoPage is a page of videos as a viewer sees them.
type VideoPage struct {
	Videos  []*Video       // in the order asked, each once, unknown ids left out
	Liked   map[int64]bool // the viewer's likes among them
	Authors []*UserView    // each author once, in the order of their first video
}

// VideoPage reads videos ids as viewer sees them (0 = anonymous), with their
// authors: rows, pending likes, the viewer's likes, the authors and whether the
// viewer follows them. One pipelined round trip when the row cache and the data
// Redis are one server, everything is warm and the authors are known (they are
// remembered: a video never changes author); two when the authors must be read
// from the rows first.
func (m *Models) VideoPage(ctx context.Context, viewer int64, ids []int64) (*VideoPage, error) {
	read := m.videoPageRead(viewer, ids)
	if err := m.readPage(ctx, read); err != nil {
		return nil, err
	}
	return read.result(ctx)
}

// FeedPage is the page of the feed before ms (epoch ms): VideoPage of the newest
// limit videos published strictly before ms. The head of the feed, which almost
// every request asks for and which changes only when someone publishes, is
// guessed from the last one read, so that the timeline and the page come in one
// round trip; the timeline read in that same round trip decides whether the
// guess holds, and a wrong guess costs the page's own round trip.
func (m *Models) FeedPage(ctx context.Context, viewer, ms int64, limit int) (*VideoPage, error) {
	timeline := m.Video.(*customVideoModel).timeline.read(ms, limit)
	reads := []pageRead{timeline}
	var guess *videoPageRead
	if head := m.feedHead.Load(); head != nil && ms > head.newest {
		guess = m.videoPageRead(viewer, head.ids)
		reads = append(reads, guess)
	}
	if err := m.readPage(ctx, reads...); err != nil {
		return nil, err
	}
	ids, err := timeline.result(ctx)
	if err != nil {
		return nil, err
	}
	var page *VideoPage
	if guess != nil && slices.Equal(ids, guess.ids) {
		page, err = guess.result(ctx)
	} else {
		page, err = m.VideoPage(ctx, viewer, ids)
	}
	if err != nil {
		return nil, err
	}
	if timeline.isHead(ids) && len(page.Videos) > 0 && (guess == nil || !slices.Equal(ids, guess.ids)) {
		m.feedHead.Store(&feedHead{ids: ids, newest: page.Videos[0].CreatedAt})
	}
	return page, nil
}

// feedHead is the last head page of the feed read: its ids, and the publish
// time of its newest video (a request before it cannot be answered by it).
type feedHead struct {
	ids    []int64
	newest int64
}

// videoPageRead is the pageRead of VideoPage.
type videoPageRead struct {
	m       *Models
	viewer  int64
	ids     []int64
	rows    *videoRowsRead
	liked   *likedRead
	authors *userViewsRead // nil until the authors are known
}

func (m *Models) videoPageRead(viewer int64, ids []int64) *videoPageRead {
	ids = uniquePositive(ids)
	r := &videoPageRead{m: m, viewer: viewer, ids: ids, rows: m.videoRowsRead(ids), liked: m.Likes.likedRead(viewer, ids)}
	if authorIDs, known := m.videoAuthors.of(ids); known {
		r.authors = m.userViewsRead(viewer, authorIDs)
	}
	return r
}

func (r *videoPageRead) queueCache(ctx context.Context, p redis.Pipeliner) {
	r.rows.queueCache(ctx, p)
	r.liked.queueCache(ctx, p)
	if r.authors != nil {
		r.authors.queueCache(ctx, p)
	}
}

func (r *videoPageRead) queueData(ctx context.Context, p redis.Pipeliner) {
	r.rows.queueData(ctx, p)
	r.liked.queueData(ctx, p)
	if r.authors != nil {
		r.authors.queueData(ctx, p)
	}
}

func (r *videoPageRead) result(ctx context.Context) (*VideoPage, error) {
	byID, err := r.rows.result(ctx)
	if err != nil {
		return nil, err
	}
	page := &VideoPage{Videos: inOrder(r.ids, byID)}
	if r.authors == nil {
		r.m.videoAuthors.remember(page.Videos)
		authorIDs := make([]int64, 0, len(page.Videos))
		for _, v := range page.Videos {
			authorIDs = append(authorIDs, v.AuthorId)
		}
		r.authors = r.m.userViewsRead(r.viewer, authorIDs)
		if err := r.m.readPage(ctx, r.authors); err != nil {
			return nil, err
		}
	}
	if page.Liked, err = r.liked.result(ctx); err != nil {
		return nil, err
	}
	authors, err := r.authors.result(ctx)
	if err != nil {
		return nil, err
	}
	page.Authors = inOrder(r.authors.ids, authors)
	return page, nil
}

// videoRowsRead reads video rows with favorite_count including the pending
// likes: rows from the cache node, pending deltas from the data Redis.
type videoRowsRead struct {
	m                *Models
	ids              []int64
	rowVals, pending func() ([]any, error)
}

func (m *Models) videoRowsRead(ids []int64) *videoRowsRead {
	return &videoRowsRead{m: m, ids: uniquePositive(ids)}
}

func (r *videoRowsRead) queueCache(ctx context.Context, p redis.Pipeliner) {
	if len(r.ids) > 0 {
		r.rowVals = p.MGet(ctx, rowKeys(cacheVideoIdPrefix, r.ids)...).Result
	}
}

func (r *videoRowsRead) queueData(ctx context.Context, p redis.Pipeliner) {
	if len(r.ids) > 0 {
		r.pending = p.HMGet(ctx, likePendingVideoFavorites, idStrings(r.ids)...).Result
	}
}

func (r *videoRowsRead) result(ctx context.Context) (map[int64]*Video, error) {
	if len(r.ids) == 0 {
		return map[int64]*Video{}, nil
	}
	videos := r.m.Video.(*customVideoModel)
	vals, err := r.rowVals()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	rows, missing := decodeRows[Video](r.ids, cachedStrings(vals))
	if err := loadRows(ctx, videos.rds, videos.CachedConn, videos.table, videoRows, cacheVideoIdPrefix, missing,
		func(v *Video) int64 { return v.Id }, rows); err != nil {
		return nil, err
	}
	deltaVals, err := r.pending()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	deltas := deltasOf(r.ids, deltaVals)
	for id, v := range rows {
		v.FavoriteCount += deltas[id]
	}
	return rows, nil
}

// VideoAuthor answers the author of a video, from memory after the first time
// (the cached row otherwise); ErrNotFound for an unknown video.
func (m *Models) VideoAuthor(ctx context.Context, videoID int64) (int64, error) {
	if authors, known := m.videoAuthors.of([]int64{videoID}); known && len(authors) == 1 {
		return authors[0], nil
	}
	video, err := m.Video.FindOne(ctx, videoID)
	if err != nil {
		return 0, err
	}
	m.videoAuthors.remember([]*Video{video})
	return video.AuthorId, nil
}
