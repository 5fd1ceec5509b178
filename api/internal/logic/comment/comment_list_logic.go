// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package comment

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/logic/convert"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/mediastore"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/rpc/social/social"
)

type CommentListLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewCommentListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *CommentListLogic {
	return &CommentListLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *CommentListLogic) CommentList(req *types.CommentListReq) (resp *types.CommentListResp, err error) {
	videoID, err := param.ID(req.VideoId, "video_id")
	if err != nil {
		return nil, err
	}
	viewer := token.UserID(l.ctx)
	out, err := l.svcCtx.SocialRpc.CommentList(l.ctx, &social.CommentListReq{VideoId: videoID, ViewerId: viewer})
	if err != nil {
		return nil, err
	}
	return &types.CommentListResp{CommentList: convert.Comments(mediastore.LinksFor(l.ctx), out.Comments, out.Users)}, nil
}
