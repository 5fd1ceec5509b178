package logic

import (
	"context"
	"errors"

	"douyin/model"
	"douyin/model/pages"
	"douyin/pkg/xerr"
	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

// Action types and message directions of the contract.
const (
	actionPost   = 1 // comment: 1 post, 2 delete
	actionFollow = 1 // relation: 1 follow, 2 unfollow
	msgTypeSent  = 1 // friend list: 1 the viewer sent the latest message, 0 received it
)

// userExists refuses unknown users (a cached lookup).
func userExists(ctx context.Context, s *svc.ServiceContext, id int64) error {
	_, err := s.User.FindOne(ctx, id)
	if errors.Is(err, model.ErrNotFound) {
		return xerr.New(xerr.UserNotFound)
	}
	return err
}

// videoExists refuses unknown videos (a cached lookup).
func videoExists(ctx context.Context, s *svc.ServiceContext, id int64) error {
	_, err := s.Video.FindOne(ctx, id)
	if errors.Is(err, model.ErrNotFound) {
		return xerr.New(xerr.VideoNotFound)
	}
	return err
}

// newest is the first max ids of a list kept newest first: a list answer is
// capped (the app has no paging), and only what is answered is read.
func newest(ids []int64, max int) []int64 { return ids[:min(len(ids), max)] }

func commentInfo(c *model.Comment) *pb.CommentInfo {
	return &pb.CommentInfo{Id: c.Id, UserId: c.UserId, Content: c.Content, CreatedAt: c.CreatedAt}
}

// userList answers a follow or follower list of in.UserId: the users of ids in
// their order, as in.ViewerId sees them. Only users follow and are followed, so
// the owner's existence is checked for empty lists only.
func userList(ctx context.Context, s *svc.ServiceContext, in *pb.UserReq, ids []int64) (*pb.UserListResp, error) {
	if len(ids) == 0 {
		if err := userExists(ctx, s, in.UserId); err != nil {
			return nil, err
		}
	}
	users, err := s.Pages.UserViewList(ctx, in.ViewerId, ids)
	if err != nil {
		return nil, err
	}
	return &pb.UserListResp{Users: pages.UserInfos(users)}, nil
}
