package logic

import (
	"context"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model/pages"
	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type CommentListLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewCommentListLogic(ctx context.Context, svcCtx *svc.ServiceContext) *CommentListLogic {
	return &CommentListLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *CommentListLogic) CommentList(in *pb.CommentListReq) (*pb.CommentListResp, error) {
	comments, err := l.svcCtx.Comment.ListByVideo(l.ctx, in.VideoId, l.svcCtx.Config.Lists.Comments)
	if err != nil {
		return nil, err
	}
	// Only a video has comments: the existence check is needed for empty lists only.
	if len(comments) == 0 {
		if err := videoExists(l.ctx, l.svcCtx, in.VideoId); err != nil {
			return nil, err
		}
	}
	resp := &pb.CommentListResp{Comments: make([]*pb.CommentInfo, 0, len(comments))}
	userIDs := make([]int64, 0, len(comments))
	for _, c := range comments {
		resp.Comments = append(resp.Comments, commentInfo(c))
		userIDs = append(userIDs, c.UserId)
	}
	users, err := l.svcCtx.Pages.UserViewList(l.ctx, in.ViewerId, userIDs)
	if err != nil {
		return nil, err
	}
	resp.Users = pages.UserInfos(users)
	return resp, nil
}
