package logic

import (
	"context"
	"errors"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model"
	"douyin/mq/jobtype"
	"douyin/pkg/likestore"
	"douyin/pkg/xerr"
	"douyin/rpc/social/internal/svc"
	"douyin/rpc/social/pb"
)

type FavoriteActionLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewFavoriteActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *FavoriteActionLogic {
	return &FavoriteActionLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// FavoriteAction likes or unlikes a video in Redis only (one script: state,
// pending counts, flush deadline) and, when the user has no flush armed, arms
// one (asynq Enqueue): at most 2 Redis round trips once the user's like state
// is in Redis and the video's author in memory. MySQL gets the like from the
// mq worker later.
func (l *FavoriteActionLogic) FavoriteAction(in *pb.FavoriteActionReq) (*pb.Empty, error) {
	if in.UserId <= 0 {
		return nil, xerr.New(xerr.Unauthorized)
	}
	if in.ActionType != 1 && in.ActionType != 2 {
		return nil, xerr.Newf(xerr.InvalidParam, "action_type must be 1 (like) or 2 (unlike)")
	}
	author, err := l.videoAuthor(in.VideoId)
	if err != nil {
		return nil, err
	}

	c := l.svcCtx.Config
	out, err := l.svcCtx.Likes.SetLiked(l.ctx, likestore.Change{
		UserID: in.UserId, VideoID: in.VideoId, AuthorID: author, Liked: in.ActionType == 1, Budget: c.LikeBudget,
	}, c.LikeFlushDelay, c.LikeFlushMaxDelay)
	if err != nil {
		return nil, err
	}
	if out.Arm {
		if err := jobtype.EnqueueLikeFlush(l.ctx, l.svcCtx.Asynq, in.UserId, out.Due, ""); err != nil {
			// The like is recorded: let the next like, or mq's sweeper, arm the flush.
			l.Errorf("arm like flush of user %d: %v", in.UserId, err)
			if err := l.svcCtx.Likes.Disarm(l.ctx, in.UserId); err != nil {
				l.Errorf("disarm like flush of user %d: %v", in.UserId, err)
			}
		}
	}
	return &pb.Empty{}, nil
}

// videoAuthor checks that the video exists and answers its author.
func (l *FavoriteActionLogic) videoAuthor(videoID int64) (int64, error) {
	if videoID <= 0 {
		return 0, xerr.New(xerr.VideoNotFound)
	}
	author, err := l.svcCtx.Pages.VideoAuthor(l.ctx, videoID)
	if errors.Is(err, model.ErrNotFound) {
		return 0, xerr.New(xerr.VideoNotFound)
	}
	return author, err
}
