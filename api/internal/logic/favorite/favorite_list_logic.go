// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package favorite

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
	"douyin/rpc/social/social"
	"douyin/rpc/video/video"
)

type FavoriteListLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewFavoriteListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FavoriteListLogic {
	return &FavoriteListLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

// FavoriteList answers the videos the user likes, most recently liked first.
func (l *FavoriteListLogic) FavoriteList(req *types.UserVideosReq) (resp *types.VideoListResp, err error) {
	userID, err := param.OptionalID(req.UserId, "user_id")
	if err != nil {
		return nil, err
	}
	viewer := token.UserID(l.ctx)
	if userID == 0 {
		userID = viewer // absent user_id means the token's owner
	}
	if userID == 0 {
		return nil, xerr.Newf(xerr.InvalidParam, "user_id is required when not logged in")
	}
	liked, err := l.svcCtx.SocialRpc.FavoriteList(l.ctx, &social.UserReq{UserId: userID})
	if err != nil {
		return nil, err
	}
	if len(liked.Ids) == 0 {
		// Nothing liked, or no such user: only then is it worth asking.
		users, err := l.svcCtx.Users(l.ctx, viewer, []int64{userID})
		if err != nil {
			return nil, err
		}
		if _, ok := users[userID]; !ok {
			return nil, xerr.New(xerr.UserNotFound)
		}
		return &types.VideoListResp{}, nil
	}
	videos, err := l.svcCtx.VideoRpc.GetVideos(l.ctx, &video.GetVideosReq{VideoIds: liked.Ids, ViewerId: viewer})
	if err != nil {
		return nil, err
	}
	list, err := l.svcCtx.Videos(l.ctx, viewer, videos.Videos)
	if err != nil {
		return nil, err
	}
	return &types.VideoListResp{VideoList: list}, nil
}
