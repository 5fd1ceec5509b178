// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package relation

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
)

type FriendListLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewFriendListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FriendListLogic {
	return &FriendListLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *FriendListLogic) FriendList(req *types.RelationListReq) (resp *types.FriendListResp, err error) {
	viewer := token.UserID(l.ctx)
	userID, err := param.UserOrViewer(req.UserId, viewer)
	if err != nil {
		return nil, err
	}
	// The list carries the latest message of each chat: only its owner sees it.
	if userID != viewer {
		return nil, xerr.Newf(xerr.Unauthorized, "You can only see your own friends")
	}
	out, err := l.svcCtx.SocialRpc.FriendList(l.ctx, &social.UserReq{UserId: viewer})
	if err != nil {
		return nil, err
	}
	return &types.FriendListResp{UserList: convert.Friends(mediastore.LinksFor(l.ctx), out.Friends, out.Users)}, nil
}
