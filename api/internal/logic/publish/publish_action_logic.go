// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package publish

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/zeromicro/go-zero/core/logx"

	"douyin/api/internal/middleware"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"douyin/pkg/media"
	"douyin/pkg/param"
	"douyin/pkg/storage"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
	"douyin/rpc/video/video"
)

const (
	// maxTitleChars is the length of the title column.
	maxTitleChars = 255
	// publishRPCTimeout bounds the video service's insert once the files are stored.
	publishRPCTimeout = 10 * time.Second
)

// videoError tells the user that the file is not a video; other failures are ours.
func videoError(err error) error {
	if errors.Is(err, media.ErrNotAVideo) {
		return xerr.New(xerr.NotAVideo)
	}
	return err
}

type PublishActionLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewPublishActionLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PublishActionLogic {
	return &PublishActionLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *PublishActionLogic) PublishAction(req *types.PublishActionReq) (resp *types.StatusResp, err error) {
	title, err := param.Text(req.Title, "title", maxTitleChars)
	if err != nil {
		return nil, err
	}
	upload := middleware.UploadedFile(l.ctx)
	if upload == "" {
		return nil, xerr.Newf(xerr.InvalidParam, "the video file (multipart part \"data\") is required")
	}
	m := l.svcCtx.Media
	info, err := l.svcCtx.Tools.Probe(l.ctx, upload)
	if err != nil {
		return nil, videoError(err)
	}
	cover := upload + ".jpg"
	defer os.Remove(cover) // a no-op once stored
	if err := l.svcCtx.Tools.Cover(l.ctx, upload, cover); err != nil {
		return nil, videoError(err)
	}

	// Files first, then the row: a video is never visible without its files. The
	// claim lets the sweeper remove the files if we never learn the row's fate.
	playKey, coverKey := storage.NewKey("videos", "mp4"), storage.NewKey("covers", "jpg")
	claim, err := m.Claim(playKey, coverKey)
	if err != nil {
		return nil, err
	}
	if err := m.Files.Put(upload, playKey); err != nil {
		m.Discard(claim)
		return nil, err
	}
	if err := m.Files.Put(cover, coverKey); err != nil {
		m.Discard(claim)
		return nil, err
	}
	// A client hanging up now must not leave the row's fate unknown.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(l.ctx), publishRPCTimeout)
	defer cancel()
	_, err = l.svcCtx.VideoRpc.Publish(ctx, &video.PublishReq{
		AuthorId: token.UserID(l.ctx), Title: title, PlayKey: playKey, CoverKey: coverKey,
		Width: int32(info.Width), Height: int32(info.Height), DurationMs: info.Duration.Milliseconds(),
		VideoCodec: info.VideoCodec, AudioCodec: info.AudioCodec,
	})
	switch {
	case err == nil:
		m.Settle(claim)
		return &types.StatusResp{}, nil
	case xerr.Is(err, xerr.UserNotFound):
		m.Discard(claim) // refused before any row was written
	default:
		// A timeout or a failure after the commit may still have left a row:
		// the sweeper settles the claim once the answer is certain.
		l.Errorf("publish %s: the claim waits for the sweeper: %v", playKey, err)
	}
	return nil, err
}
