package pages

import (
	"context"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/model"
	"douyin/pkg/ids"
	"douyin/pkg/likestore"
	"douyin/pkg/rowcache"
)

// UserView is a user as a viewer sees it: the row with its like counts as the
// like store has them, and whether the viewer follows the user.
type UserView struct {
	model.User
	IsFollow bool
}

// UserViews reads users for viewer (0 = anonymous). Rows and follow flags come
// from the cache node, like counts from the data Redis: one pipelined
// round trip in all when they are one server and everything is warm, which is
// what a User object costs on every page. Unknown ids are absent.
func (pr *Reader) UserViews(ctx context.Context, viewer int64, ids []int64) (map[int64]*UserView, error) {
	read := pr.userViewsRead(viewer, ids)
	if err := pr.readPage(ctx, read); err != nil {
		return nil, err
	}
	return read.result(ctx)
}

// UserViewList is UserViews in the order of ids, each user once, unknown ids
// left out: the shape every list of people answers.
func (pr *Reader) UserViewList(ctx context.Context, viewer int64, ids []int64) ([]*UserView, error) {
	views, err := pr.UserViews(ctx, viewer, ids)
	if err != nil {
		return nil, err
	}
	return inOrder(ids, views), nil
}

// userViewsRead is the pageRead of UserViews.
type userViewsRead struct {
	pr              *Reader
	viewer          int64
	ids             []int64
	rows            *rowcache.Read[model.User]
	followFlags     func() ([]bool, error)
	given, received *likestore.CountRead
}

func (pr *Reader) userViewsRead(viewer int64, list []int64) *userViewsRead {
	return &userViewsRead{pr: pr, viewer: viewer, ids: ids.Unique(list)}
}

func (r *userViewsRead) queueCache(ctx context.Context, p redis.Pipeliner) {
	r.rows = r.pr.users.Rows().Queue(ctx, p, r.ids)
	if r.viewer > 0 && len(r.ids) > 0 {
		r.followFlags = r.pr.following.QueueAmong(ctx, p, r.viewer, r.ids)
	}
}

func (r *userViewsRead) queueData(ctx context.Context, p redis.Pipeliner) {
	r.given, r.received = r.pr.likes.QueueUserCounts(ctx, p, r.ids)
}

func (r *userViewsRead) result(ctx context.Context) (map[int64]*UserView, error) {
	if len(r.ids) == 0 {
		return map[int64]*UserView{}, nil
	}
	rows, err := r.rows.Result(ctx)
	if err != nil {
		return nil, err
	}
	followed := map[int64]bool{}
	if r.viewer > 0 {
		if followed, err = r.pr.following.AmongResult(ctx, r.viewer, r.ids, r.followFlags); err != nil {
			return nil, err
		}
	}
	given, err := r.given.Result()
	if err != nil {
		return nil, err
	}
	received, err := r.received.Result()
	if err != nil {
		return nil, err
	}
	views := make(map[int64]*UserView, len(rows))
	for id, row := range rows {
		v := &UserView{User: *row, IsFollow: followed[id] && id != r.viewer}
		if n, ok := given[id]; ok {
			v.FavoriteCount = n
		}
		if n, ok := received[id]; ok {
			v.TotalFavorited = n
		}
		views[id] = v
	}
	return views, nil
}
