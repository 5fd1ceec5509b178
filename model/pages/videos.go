package pages

import (
	"context"
	"slices"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/model"
	"douyin/pkg/ids"
	"douyin/pkg/likestore"
	"douyin/pkg/rowcache"
)

// VideoPage is a page of videos as a viewer sees them.
type VideoPage struct {
	Videos  []*model.Video // in the order asked, each once, unknown ids left out
	Liked   map[int64]bool // the viewer's likes among them
	Authors []*UserView    // each author once, in the order of their first video
}

// VideoPage reads videos ids as viewer sees them (0 = anonymous), with their
// authors: rows, like counts, the viewer's likes, the authors and whether the
// viewer follows them. One pipelined round trip when the row cache and the data
// Redis are one server, everything is warm and the authors are known (they are
// remembered: a video never changes author); two when the authors must be read
// from the rows first.
func (pr *Reader) VideoPage(ctx context.Context, viewer int64, ids []int64) (*VideoPage, error) {
	read := pr.videoPageRead(viewer, ids)
	if err := pr.readPage(ctx, read); err != nil {
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
func (pr *Reader) FeedPage(ctx context.Context, viewer, ms int64, limit int) (*VideoPage, error) {
	timeline := pr.videos.Timeline().Read(ms, limit)
	reads := []pageRead{onCache{timeline.Queue}}
	var guess *videoPageRead
	if head := pr.feedHead.Load(); head != nil && ms > head.newest {
		guess = pr.videoPageRead(viewer, head.ids)
		reads = append(reads, guess)
	}
	if err := pr.readPage(ctx, reads...); err != nil {
		return nil, err
	}
	ids, err := timeline.Result(ctx)
	if err != nil {
		return nil, err
	}
	var page *VideoPage
	if guess != nil && slices.Equal(ids, guess.ids) {
		page, err = guess.result(ctx)
	} else {
		page, err = pr.VideoPage(ctx, viewer, ids)
	}
	if err != nil {
		return nil, err
	}
	if timeline.IsHead(ids) && len(page.Videos) > 0 && (guess == nil || !slices.Equal(ids, guess.ids)) {
		pr.feedHead.Store(&feedHead{ids: ids, newest: page.Videos[0].CreatedAt})
	}
	return page, nil
}

// videoPageRead is the pageRead of VideoPage.
type videoPageRead struct {
	pr      *Reader
	viewer  int64
	ids     []int64
	rows    *videoRowsRead
	liked   *likestore.LikedRead
	authors *userViewsRead // nil until the authors are known
}

func (pr *Reader) videoPageRead(viewer int64, list []int64) *videoPageRead {
	list = ids.Unique(list)
	r := &videoPageRead{pr: pr, viewer: viewer, ids: list, rows: &videoRowsRead{pr: pr, ids: list},
		liked: pr.likes.LikedRead(viewer, list)}
	if authorIDs, known := pr.authors.of(list); known {
		r.authors = pr.userViewsRead(viewer, authorIDs)
	}
	return r
}

func (r *videoPageRead) queueCache(ctx context.Context, p redis.Pipeliner) {
	r.rows.queueCache(ctx, p)
	if r.authors != nil {
		r.authors.queueCache(ctx, p)
	}
}

func (r *videoPageRead) queueData(ctx context.Context, p redis.Pipeliner) {
	r.rows.queueData(ctx, p)
	r.liked.Queue(ctx, p)
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
		r.pr.authors.remember(page.Videos)
		authorIDs := make([]int64, 0, len(page.Videos))
		for _, v := range page.Videos {
			authorIDs = append(authorIDs, v.AuthorId)
		}
		r.authors = r.pr.userViewsRead(r.viewer, authorIDs)
		if err := r.pr.readPage(ctx, r.authors); err != nil {
			return nil, err
		}
	}
	if page.Liked, err = r.liked.Result(ctx); err != nil {
		return nil, err
	}
	authors, err := r.authors.result(ctx)
	if err != nil {
		return nil, err
	}
	page.Authors = inOrder(r.authors.ids, authors)
	return page, nil
}

// videoRowsRead reads video rows with favorite_count as the like store has it:
// rows from the cache node, like counts from the data Redis.
type videoRowsRead struct {
	pr    *Reader
	ids   []int64
	rows  *rowcache.Read[model.Video]
	likes *likestore.CountRead
}

func (r *videoRowsRead) queueCache(ctx context.Context, p redis.Pipeliner) {
	r.rows = r.pr.videos.Rows().Queue(ctx, p, r.ids)
}

func (r *videoRowsRead) queueData(ctx context.Context, p redis.Pipeliner) {
	r.likes = r.pr.likes.QueueVideoCounts(ctx, p, r.ids)
}

func (r *videoRowsRead) result(ctx context.Context) (map[int64]*model.Video, error) {
	if len(r.ids) == 0 {
		return map[int64]*model.Video{}, nil
	}
	rows, err := r.rows.Result(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := r.likes.Result()
	if err != nil {
		return nil, err
	}
	for id, v := range rows {
		if n, ok := counts[id]; ok {
			v.FavoriteCount = n
		}
	}
	return rows, nil
}

// VideoAuthor answers the author of a video, from memory after the first time
// (the cached row otherwise); model.ErrNotFound for an unknown video.
func (pr *Reader) VideoAuthor(ctx context.Context, videoID int64) (int64, error) {
	if authors, known := pr.authors.of([]int64{videoID}); known && len(authors) == 1 {
		return authors[0], nil
	}
	video, err := pr.videos.FindOne(ctx, videoID)
	if err != nil {
		return 0, err
	}
	pr.authors.remember([]*model.Video{video})
	return video.AuthorId, nil
}
