package logic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stringx"

	"douyin/model"
	"douyin/mq/internal/svc"
	"douyin/pkg/events"
	"douyin/pkg/media"
	"douyin/pkg/storage"
	"douyin/pkg/timeunit"
	"douyin/pkg/videometrics"
)

// workDir is the folder of the media storage where runs write their outputs
// before they are moved into place (the same filesystem: the move is atomic).
const workDir = "processing"

// HandleVideoPublished is the natsq consumer's handler of video.published.
func HandleVideoPublished(svcCtx *svc.ServiceContext) events.Handler {
	return func(ctx context.Context, _ string, data []byte) error {
		var ev events.VideoPublished
		if err := json.Unmarshal(data, &ev); err != nil || ev.VideoID <= 0 {
			return fmt.Errorf("a video.published without a video: %q", data)
		}
		_, err := NewProcessVideoLogic(ctx, svcCtx).Process(ev.VideoID)
		return err
	}
}

type ProcessVideoLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewProcessVideoLogic(ctx context.Context, svcCtx *svc.ServiceContext) *ProcessVideoLogic {
	return &ProcessVideoLogic{ctx: ctx, svcCtx: svcCtx, Logger: logx.WithContext(ctx)}
}

// permanentError is a failure that another run would meet again: the video
// is failed at once.
type permanentError struct{ error }

// Process runs one processing run of video id and answers its outcome
// (videometrics): claim the pending row, make the rendition (or remux, or keep
// the original) and a cover from a second in, under names derived from the
// original's, move them into place, then switch play_key and cover_key in one
// conditional update, which drops the row's cache. A redelivered event finds
// the row claimed or done and changes nothing; a run that dies leaves it
// pending for the sweeper.
func (l *ProcessVideoLogic) Process(id int64) (outcome string, err error) {
	c := l.svcCtx.Config.Processing
	start := time.Now()
	now := timeunit.NowMs()
	v, ok, err := l.svcCtx.Video.ClaimProcessing(l.ctx, id, now, now-c.RetryAfter.Milliseconds(), c.MaxAttempts)
	if err != nil {
		videometrics.Ran(videometrics.Retry, time.Since(start), 0)
		return videometrics.Retry, err
	}
	if !ok {
		videometrics.Count(videometrics.Skipped)
		return videometrics.Skipped, nil
	}
	stopTouch := l.keepAlive(v)
	outcome, err = l.run(v)
	stopTouch()
	if err == nil {
		videometrics.Ran(outcome, time.Since(start), v.CreatedAt)
		return outcome, nil
	}
	var permanent permanentError
	if !errors.As(err, &permanent) && v.ProcessAttempts < int64(c.MaxAttempts) && l.ctx.Err() == nil {
		// The sweeper sends it again after RetryAfter.
		videometrics.Ran(videometrics.Retry, time.Since(start), 0)
		return videometrics.Retry, err
	}
	if l.ctx.Err() != nil {
		return videometrics.Retry, err // stopping: the next start's sweeper takes it up
	}
	l.Errorf("video %d: processing failed, the original plays on: %v", id, err)
	if _, ferr := l.svcCtx.Video.FailProcessing(context.WithoutCancel(l.ctx), id, err.Error(), timeunit.NowMs()); ferr != nil {
		return videometrics.Retry, ferr
	}
	videometrics.Ran(videometrics.Failed, time.Since(start), v.CreatedAt)
	return videometrics.Failed, nil
}

// keepAlive touches the claimed row every RetryAfter/3 until stopped, so the
// sweeper sends the video again only when its run died.
func (l *ProcessVideoLogic) keepAlive(v *model.Video) (stop func()) {
	every := l.svcCtx.Config.Processing.RetryAfter / 3
	done := make(chan struct{})
	go func() {
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				if err := l.svcCtx.Video.TouchProcessing(l.ctx, v.Id, v.ProcessAttempts, timeunit.NowMs()); err != nil {
					l.Errorf("video %d: keep the processing claim: %v", v.Id, err)
				}
			}
		}
	}()
	return func() { close(done) }
}

// run makes the outputs of v and switches the row to them.
func (l *ProcessVideoLogic) run(v *model.Video) (string, error) {
	files, tools := l.svcCtx.Files, l.svcCtx.Tools
	rc := l.svcCtx.Config.Processing.Rendition
	src, err := files.Path(v.PlayKey)
	if err != nil {
		return "", permanentError{fmt.Errorf("play_key %q is not a stored file", v.PlayKey)}
	}
	if _, err := os.Stat(src); err != nil {
		return "", permanentError{fmt.Errorf("the original is missing: %v", err)}
	}
	info, err := tools.Probe(l.ctx, src)
	if err != nil {
		return "", classify("probe", err)
	}
	moovFirst, err := media.MoovFirst(src)
	if err != nil {
		return "", classify("read the index", err)
	}
	plan := rc.PlanFor(info, moovFirst)

	work := filepath.Join(files.Dir(), workDir)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return "", err
	}
	tmp := filepath.Join(work, fmt.Sprintf("%d-%s", v.Id, stringx.Randn(8)))
	defer os.Remove(tmp + ".mp4")
	defer os.Remove(tmp + ".jpg")

	playKey, played := v.PlayKey, src
	if !plan.Keep() {
		if err := tools.Rendition(l.ctx, rc, plan, src, tmp+".mp4"); err != nil {
			return "", classify(plan.String(), err)
		}
		// What plays must be what the plan promised.
		out, err := tools.Probe(l.ctx, tmp+".mp4")
		if err != nil {
			return "", classify("probe the rendition", err)
		}
		if first, _ := media.MoovFirst(tmp + ".mp4"); !first || out.VideoCodec != "h264" || out.LongSide() > rc.MaxLongSide {
			return "", permanentError{fmt.Errorf("the rendition is %s %dx%d (index first: %v)", out.VideoCodec, out.Width, out.Height, first)}
		}
		playKey, played = storage.DerivedKey(v.PlayKey, "videos", "mp4"), tmp+".mp4"
	}
	coverKey := storage.DerivedKey(v.PlayKey, "covers", "jpg")
	if err := tools.Poster(l.ctx, info, played, tmp+".jpg"); err != nil {
		return "", classify("cover", err)
	}
	// Derived names: a second run of the same video writes the same files, so
	// whichever run switches the row, the files it names are complete.
	if played != src {
		if err := files.Put(played, playKey); err != nil {
			return "", err
		}
	}
	if err := files.Put(tmp+".jpg", coverKey); err != nil {
		return "", err
	}
	switched, err := l.svcCtx.Video.FinishProcessing(context.WithoutCancel(l.ctx), v.Id, v.PlayKey, playKey, coverKey, timeunit.NowMs())
	if err != nil {
		return "", err
	}
	if !switched {
		return videometrics.Skipped, nil // another run finished it first, with the same files
	}
	if !l.svcCtx.Config.Media.KeepOriginal {
		l.removeOriginals(v, playKey)
	}
	l.Infof("video %d: %s (%s %dx%d) -> %s, cover %s", v.Id, plan, info.VideoCodec, info.Width, info.Height, playKey, coverKey)
	return plan.String(), nil
}

// removeOriginals removes the original upload and its first-frame cover, now
// that no row names them. A client holding an older page of the feed loses
// them: KeepOriginal (the default) keeps them.
func (l *ProcessVideoLogic) removeOriginals(v *model.Video, playKey string) {
	for _, key := range []string{v.PlayKey, v.CoverKey} {
		if key == "" || key == playKey || len(key) >= len(storage.DefaultPrefix) && key[:len(storage.DefaultPrefix)] == storage.DefaultPrefix {
			continue
		}
		if err := l.svcCtx.Files.Remove(key); err != nil {
			l.Errorf("video %d: remove the original %s: %v", v.Id, key, err)
		}
	}
}

// classify makes ffmpeg's verdict on a file permanent; the rest (a kill, a
// full disk, a stop) is for a later run.
func classify(step string, err error) error {
	err = fmt.Errorf("%s: %w", step, err)
	if errors.Is(err, media.ErrNotAVideo) {
		return permanentError{err}
	}
	return err
}
