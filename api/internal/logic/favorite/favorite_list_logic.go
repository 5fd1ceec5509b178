// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package favorite

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/logic/convert"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/mediastore"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
	"douyin/rpc/social/social"
	"douyin/rpc/user/user"
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
	viewer := token.UserID(l.ctx)
	userID, err := param.UserOrViewer(req.UserId, viewer)
	if err != nil {
		return nil, err
	}
	liked, err := l.svcCtx.SocialRpc.FavoriteList(l.ctx, &social.UserReq{UserId: userID})
	if err != nil {
		return nil, err
	}
	if len(liked.Ids) == 0 {
		// Nothing liked, or no such user: only then is it worth asking.
		users, err := l.svcCtx.UserRpc.GetUsers(l.ctx, &user.GetUsersReq{UserIds: []int64{userID}})
		if err != nil {
			return nil, err
		}
		if len(users.Users) == 0 {
			return nil, xerr.New(xerr.UserNotFound)
		}
		return &types.VideoListResp{}, nil
	}
	videos, err := l.svcCtx.VideoRpc.GetVideos(l.ctx, &video.GetVideosReq{VideoIds: liked.Ids, ViewerId: viewer})
	if err != nil {
		return nil, err
	}
	return &types.VideoListResp{VideoList: convert.Videos(mediastore.LinksFor(l.ctx), videos.Videos, videos.Authors)}, nil
}
