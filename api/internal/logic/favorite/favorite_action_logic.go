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
	"douyin/rpc/social/social"
)

type FavoriteActionLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewFavoriteActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FavoriteActionLogic {
	return &FavoriteActionLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *FavoriteActionLogic) FavoriteAction(req *types.FavoriteActionReq) (resp *types.StatusResp, err error) {
	videoID, err := param.ID(req.VideoId, "video_id")
	if err != nil {
		return nil, err
	}
	action, err := param.ActionType(req.ActionType, 1, 2)
	if err != nil {
		return nil, err
	}
	// The like budget is counted by the social service's like script.
	if _, err := l.svcCtx.SocialRpc.FavoriteAction(l.ctx, &social.FavoriteActionReq{
		UserId: token.UserID(l.ctx), VideoId: videoID, ActionType: action,
	}); err != nil {
		return nil, err
	}
	return &types.StatusResp{}, nil
}
