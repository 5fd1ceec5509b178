package logic

import (
	"context"
	"errors"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/model"
	"douyin/pkg/events"
	"douyin/pkg/timeunit"
	"douyin/pkg/xerr"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

type PublishLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewPublishLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PublishLogic {
	return &PublishLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

func (l *PublishLogic) Publish(in *pb.PublishReq) (*pb.PublishResp, error) {
	// The gateway checked the file and the title; the author must exist.
	if _, err := l.svcCtx.User.FindOne(l.ctx, in.AuthorId); errors.Is(err, model.ErrNotFound) {
		return nil, xerr.New(xerr.UserNotFound)
	} else if err != nil {
		return nil, err
	}
	createdAt := timeunit.NowMs()
	id, err := l.svcCtx.Video.Publish(l.ctx, &model.Video{
		AuthorId:  in.AuthorId,
		Title:     in.Title,
		PlayKey:   in.PlayKey,
		CoverKey:  in.CoverKey,
		CreatedAt: createdAt,
	}, l.svcCtx.User)
	if err != nil {
		return nil, err
	}
	l.announce(id, in, createdAt)
	return &pb.PublishResp{VideoId: id}, nil
}

// announce sends video.published for the worker (and any other subscriber).
// The row is committed and pending: should the event be lost (NATS away, no
// worker listening), the worker's sweeper sends it again, so a failure here
// only costs time and never fails the publish.
func (l *PublishLogic) announce(id int64, in *pb.PublishReq, createdAt int64) {
	if l.svcCtx.Events == nil {
		return
	}
	err := events.PublishJSON(l.ctx, l.svcCtx.Events, events.SubjectVideoPublished, events.VideoPublished{
		VideoID: id, AuthorID: in.AuthorId, PlayKey: in.PlayKey, CoverKey: in.CoverKey, CreatedAt: createdAt,
		Width: int(in.Width), Height: int(in.Height), DurationMs: in.DurationMs,
		VideoCodec: in.VideoCodec, AudioCodec: in.AudioCodec,
	})
	if err != nil {
		l.Errorf("video %d: %s not sent (the sweeper will): %v", id, events.SubjectVideoPublished, err)
	}
}
