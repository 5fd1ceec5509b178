// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package comment

import (
	"context"
	"strconv"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/logic/convert"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/mediastore"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/pkg/userpb"
	"douyin/rpc/social/social"
)

type CommentActionLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewCommentActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *CommentActionLogic {
	return &CommentActionLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *CommentActionLogic) CommentAction(req *types.CommentActionReq) (resp *types.CommentActionResp, err error) {
	videoID, err := param.ID(req.VideoId, "video_id")
	if err != nil {
		return nil, err
	}
	action, err := param.ActionType(req.ActionType, 1, 2)
	if err != nil {
		return nil, err
	}
	in := &social.CommentActionReq{UserId: token.UserID(l.ctx), VideoId: videoID, ActionType: action}
	if action == 1 {
		in.CommentText, err = param.Text(req.CommentText, "comment_text", l.svcCtx.Config.CommentMaxChars)
	} else {
		in.CommentId, err = param.ID(req.CommentId, "comment_id")
	}
	if err != nil {
		return nil, err
	}
	if action == 1 { // posts are budgeted; deleting one's own comments is not
		if err := l.svcCtx.Limits.Comment.Take(l.ctx, strconv.FormatInt(in.UserId, 10)); err != nil {
			return nil, err
		}
	}
	out, err := l.svcCtx.SocialRpc.CommentAction(l.ctx, in)
	if err != nil {
		return nil, err
	}
	comments := convert.Comments(mediastore.LinksFor(l.ctx), []*social.CommentInfo{out.Comment}, []*userpb.UserInfo{out.User})
	return &types.CommentActionResp{Comment: comments[0]}, nil
}
