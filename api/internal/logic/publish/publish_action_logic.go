// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package publish

import (
	"context"
	"errors"
	"os"

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

// maxTitleChars is the length of the title column.
const maxTitleChars = 255

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
	if _, err := m.Tools.Probe(l.ctx, upload); err != nil {
		return nil, videoError(err)
	}
	cover := upload + ".jpg"
	defer os.Remove(cover) // a no-op once stored
	if err := m.Tools.Cover(l.ctx, upload, cover); err != nil {
		return nil, videoError(err)
	}

	// Files first, then the row: a crash in between leaves files nobody can
	// see; the other order would leave a video whose files are missing.
	playKey, coverKey := storage.NewKey("videos", "mp4"), storage.NewKey("covers", "jpg")
	if err := m.Store.Put(upload, playKey); err != nil {
		return nil, err
	}
	if err := m.Store.Put(cover, coverKey); err != nil {
		_ = m.Store.Remove(playKey)
		return nil, err
	}
	if _, err := l.svcCtx.VideoRpc.Publish(l.ctx, &video.PublishReq{
		AuthorId: token.UserID(l.ctx), Title: title, PlayKey: playKey, CoverKey: coverKey,
	}); err != nil {
		_ = m.Store.Remove(playKey)
		_ = m.Store.Remove(coverKey)
		return nil, err
	}
	return &types.StatusResp{}, nil
}
