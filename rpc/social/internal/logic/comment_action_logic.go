package logic

import (
	"context"
	"errors"
	"strings"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model"
	"douyin/pkg/timeunit"
	"douyin/pkg/userpb"
	"douyin/pkg/xerr"
	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type CommentActionLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewCommentActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *CommentActionLogic {
	return &CommentActionLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *CommentActionLogic) CommentAction(in *pb.CommentActionReq) (*pb.CommentActionResp, error) {
	if err := videoExists(l.ctx, l.svcCtx, in.VideoId); err != nil {
		return nil, err
	}
	if in.ActionType == actionPost {
		return l.post(in)
	}
	return l.remove(in)
}

func (l *CommentActionLogic) post(in *pb.CommentActionReq) (*pb.CommentActionResp, error) {
	if strings.TrimSpace(in.CommentText) == "" {
		return nil, xerr.Newf(xerr.InvalidParam, "comment_text must not be empty")
	}
	c, err := l.svcCtx.Comment.Post(l.ctx, &model.Comment{
		VideoId:   in.VideoId,
		UserId:    in.UserId,
		Content:   in.CommentText,
		CreatedAt: timeunit.NowMs(),
	}, l.svcCtx.Video)
	if err != nil {
		return nil, err
	}
	return l.answer(c)
}

// remove deletes a comment of its author's, answering the deleted comment.
func (l *CommentActionLogic) remove(in *pb.CommentActionReq) (*pb.CommentActionResp, error) {
	c, err := l.svcCtx.Comment.FindOne(l.ctx, in.CommentId)
	if errors.Is(err, model.ErrNotFound) || (err == nil && c.VideoId != in.VideoId) {
		return nil, xerr.New(xerr.CommentNotFound)
	}
	if err != nil {
		return nil, err
	}
	if c.UserId != in.UserId {
		return nil, xerr.New(xerr.NotCommentAuthor)
	}
	removed, err := l.svcCtx.Comment.Remove(l.ctx, c, l.svcCtx.Video)
	if err != nil {
		return nil, err
	}
	if !removed { // a racing delete of the same comment won
		return nil, xerr.New(xerr.CommentNotFound)
	}
	return l.answer(c)
}

// answer is the comment with its author, as the author sees themselves. The
// comment is committed by then: if its author cannot be read, the answer still
// says so, with the author's id only, rather than an error that would make the
// app post it again.
func (l *CommentActionLogic) answer(c *model.Comment) (*pb.CommentActionResp, error) {
	resp := &pb.CommentActionResp{Comment: commentInfo(c), User: &userpb.UserInfo{Id: c.UserId}}
	users, err := l.svcCtx.Pages.UserViewList(l.ctx, c.UserId, []int64{c.UserId})
	if err != nil {
		l.Errorf("read the author of comment %d: %v", c.Id, err)
	} else if len(users) > 0 {
		resp.User = users[0].Info()
	}
	return resp, nil
}
