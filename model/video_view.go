package model

import (
	"context"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// VideoViews reads videos with favorite_count including the pending likes: rows
// from the cache node and pending deltas from the data Redis, in one pipelined
// round trip when they are one server and the rows are warm. Unknown ids are
// absent.
func (m *Models) VideoViews(ctx context.Context, ids []int64) (map[int64]*Video, error) {
	read := m.videoRowsRead(ids)
	if err := m.readPage(ctx, read); err != nil {
		return nil, err
	}
	return read.result(ctx)
}

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
	ids = uniquePositive(ids)
	rows, liked := m.videoRowsRead(ids), m.Likes.likedRead(viewer, ids)
	reads := []pageRead{rows, liked}
	authorIDs, known := m.videoAuthors.of(ids)
	var authors *userViewsRead
	if known {
		authors = m.userViewsRead(viewer, authorIDs)
		reads = append(reads, authors)
	}
	if err := m.readPage(ctx, reads...); err != nil {
		return nil, err
	}
	byID, err := rows.result(ctx)
	if err != nil {
		return nil, err
	}
	videos := inOrder(ids, byID)
	if !known {
		m.videoAuthors.remember(videos)
		authorIDs = make([]int64, 0, len(videos))
		for _, v := range videos {
			authorIDs = append(authorIDs, v.AuthorId)
		}
		authors = m.userViewsRead(viewer, authorIDs)
		if err := m.readPage(ctx, authors); err != nil {
			return nil, err
		}
	}
	page := &VideoPage{Videos: videos}
	if page.Liked, err = liked.result(ctx); err != nil {
		return nil, err
	}
	authorViews, err := authors.result(ctx)
	if err != nil {
		return nil, err
	}
	page.Authors = inOrder(authors.ids, authorViews)
	return page, nil
}

// videoRowsRead is the pageRead of VideoViews.
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
