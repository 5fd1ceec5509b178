package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type FavoriteListLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewFavoriteListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FavoriteListLogic {
	return &FavoriteListLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// FavoriteList answers the ids of the videos the user likes, most recently
// liked first, pending likes included (the Redis like state is the truth; a
// cold one is loaded from the user's shard first).
func (l *FavoriteListLogic) FavoriteList(in *pb.UserReq) (*pb.IdListResp, error) {
	ids, err := l.svcCtx.Likes.LikedVideos(l.ctx, in.UserId)
	if err != nil {
		return nil, err
	}
	return &pb.IdListResp{Ids: newest(ids, l.svcCtx.Config.Lists.Favorites)}, nil
}
