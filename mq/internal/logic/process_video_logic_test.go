package logic

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"douyin/model"
	"douyin/model/stores"
	"douyin/mq/internal/config"
	"douyin/mq/internal/svc"
	"douyin/pkg/events"
	"douyin/pkg/media"
	"douyin/pkg/storage"
	"douyin/pkg/testenv"
	"douyin/pkg/timeunit"
	"douyin/pkg/videometrics"
)

// processing is a worker's service context for video processing against the
// test MySQL and Redis, a private NATS and a media folder of its own.
type processing struct {
	t      *testing.T
	svcCtx *svc.ServiceContext
	nats   *testenv.NatsServer
	dir    string
	db     *sql.DB
	sweep  *ProcessingSweeper
}

func newProcessing(t *testing.T) *processing {
	t.Helper()
	nats, err := testenv.StartNats()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nats.Stop)
	env := testenv.Get()
	c := config.Config{Conf: stores.Conf{Mysql: stores.MysqlConf{DataSource: env.DataSource}, CacheRedis: env.CacheConf(),
		DataRedis: env.RedisConf(), LikeShards: env.LikeShards, AllowVolatileDataRedis: true}}
	c.Name = "test-mq"
	c.Media.StorageDir = t.TempDir()
	c.Media.KeepOriginal = true
	c.Media.FfprobePath, c.Media.FfmpegPath = "ffprobe", "ffmpeg"
	c.Events.URL = nats.URL()
	c.Processing = config.ProcessingConf{Group: "video-processing", Concurrency: 2, RetryAfter: time.Minute,
		SweepEvery: time.Minute, MaxAttempts: 3, Rendition: media.RenditionConf{MaxLongSide: 1280, VideoKbps: 1500,
			KeepKbps: 3000, AudioKbps: 96, Preset: "ultrafast", Timeout: time.Minute}}
	svcCtx := svc.NewServiceContext(c)
	return &processing{t: t, svcCtx: svcCtx, nats: nats, dir: c.Media.StorageDir, db: env.SQL(t),
		sweep: NewProcessingSweeper(svcCtx)}
}

// consume runs the natsq consumer of video.published until the test ends.
func (p *processing) consume() {
	c := p.svcCtx.Config
	consumer := events.NewConsumer(c.Events, c.Name, c.Processing.Group, []string{events.SubjectVideoPublished},
		c.Processing.Concurrency, HandleVideoPublished(p.svcCtx))
	go consumer.Start()
	p.t.Cleanup(consumer.Stop)
}

// clip makes a video with ffmpeg (args between the inputs and the output).
func clip(t *testing.T, args ...string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clip.mp4")
	cmd := append([]string{"-v", "error", "-y"}, args...)
	if out, err := exec.Command("ffmpeg", append(cmd, path)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	b, _ := os.ReadFile(path)
	return b
}

// phoneClip is what a phone records: 1080p HEVC with AAC, index at the end.
func phoneClip(t *testing.T) []byte {
	return clip(t, "-f", "lavfi", "-i", "testsrc2=duration=2:size=1920x1080:rate=30", "-f", "lavfi", "-i", "sine=duration=2",
		"-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p", "-tag:v", "hvc1",
		"-c:a", "aac")
}

// publish stores data as a new upload with a cover and inserts its pending
// row, as the gateway and the video service do.
func (p *processing) publish(data []byte) *model.Video {
	p.t.Helper()
	v := &model.Video{AuthorId: 1, Title: "clip", PlayKey: storage.NewKey("videos", "mp4"),
		CoverKey: storage.NewKey("covers", "jpg"), CreatedAt: timeunit.NowMs()}
	for key, b := range map[string][]byte{v.PlayKey: data, v.CoverKey: []byte("first frame")} {
		if err := os.WriteFile(filepath.Join(p.dir, key), b, 0o644); err != nil {
			p.t.Fatal(err)
		}
	}
	id, err := p.svcCtx.Video.Publish(context.Background(), v, stores.New(p.svcCtx.Config.Conf).User())
	if err != nil {
		p.t.Fatal(err)
	}
	v.Id = id
	return v
}

// row reads the video through the row cache, as the feed does.
func (p *processing) row(id int64) *model.Video {
	p.t.Helper()
	rows, err := p.svcCtx.Video.Rows().Find(context.Background(), []int64{id})
	if err != nil || rows[id] == nil {
		p.t.Fatalf("video %d: %v %v", id, rows, err)
	}
	return rows[id]
}

// backdate makes the video's last run (or publish) look older than RetryAfter,
// as if that much time had passed.
func (p *processing) backdate(id int64) {
	p.t.Helper()
	if _, err := p.db.Exec("update video set process_at = process_at - ? where id = ?",
		(2 * p.svcCtx.Config.Processing.RetryAfter).Milliseconds(), id); err != nil {
		p.t.Fatal(err)
	}
}

func (p *processing) path(key string) string { return filepath.Join(p.dir, key) }

// A phone's clip becomes a faststart H.264 rendition within the cap, with a
// new cover, in one switch that the row cache sees at once; the original is
// kept. The same event again changes nothing.
func TestProcessMakesARenditionOnce(t *testing.T) {
	p := newProcessing(t)
	original := phoneClip(t)
	v := p.publish(original)
	if got := p.row(v.Id); got.PlayKey != v.PlayKey || got.ProcessState != model.ProcessPending { // now cached
		t.Fatalf("before processing: %+v", got)
	}
	outcome, err := NewProcessVideoLogic(context.Background(), p.svcCtx).Process(v.Id)
	if err != nil || outcome != videometrics.Transcoded {
		t.Fatalf("process: %s %v", outcome, err)
	}
	done := p.row(v.Id)
	if done.ProcessState != model.ProcessDone || done.PlayKey != storage.DerivedKey(v.PlayKey, "videos", "mp4") ||
		done.CoverKey != storage.DerivedKey(v.PlayKey, "covers", "jpg") || done.ProcessAttempts != 1 {
		t.Fatalf("after processing: %+v", done)
	}
	info, err := p.svcCtx.Tools.Probe(context.Background(), p.path(done.PlayKey))
	if err != nil {
		t.Fatal(err)
	}
	if first, _ := media.MoovFirst(p.path(done.PlayKey)); !first || info.VideoCodec != "h264" || info.AudioCodec != "aac" ||
		info.LongSide() != 1280 {
		t.Fatalf("rendition %+v, index first %v", info, first)
	}
	if kept, _ := os.ReadFile(p.path(v.PlayKey)); !bytes.Equal(kept, original) {
		t.Fatal("the original was not kept")
	}
	stat, _ := os.Stat(p.path(done.PlayKey))

	// Redelivered (or sent again by a sweeper that raced the run): nothing.
	if outcome, err := NewProcessVideoLogic(context.Background(), p.svcCtx).Process(v.Id); err != nil || outcome != videometrics.Skipped {
		t.Fatalf("again: %s %v", outcome, err)
	}
	again, _ := os.Stat(p.path(done.PlayKey))
	if *p.row(v.Id) != *done || !again.ModTime().Equal(stat.ModTime()) {
		t.Fatal("a redelivered event changed the video")
	}
}

// A small H.264 clip is only remuxed when its index is at the end, and kept
// as it is when it is first (a better cover either way).
func TestProcessRemuxesOrKeeps(t *testing.T) {
	p := newProcessing(t)
	base := []string{"-f", "lavfi", "-i", "testsrc2=duration=2:size=640x360:rate=25", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-b:v", "500k"}
	for _, c := range []struct {
		args    []string
		outcome string
	}{{base, videometrics.Remuxed}, {append(base, "-movflags", "+faststart"), videometrics.Kept}} {
		v := p.publish(clip(t, c.args...))
		outcome, err := NewProcessVideoLogic(context.Background(), p.svcCtx).Process(v.Id)
		if err != nil || outcome != c.outcome {
			t.Fatalf("%v: %s %v, want %s", c.args, outcome, err, c.outcome)
		}
		done := p.row(v.Id)
		wantPlay := v.PlayKey
		if c.outcome == videometrics.Remuxed {
			wantPlay = storage.DerivedKey(v.PlayKey, "videos", "mp4")
		}
		if done.PlayKey != wantPlay || done.CoverKey == v.CoverKey || done.ProcessState != model.ProcessDone {
			t.Fatalf("%s: %+v", c.outcome, done)
		}
		if first, _ := media.MoovFirst(p.path(done.PlayKey)); !first {
			t.Fatalf("%s: the index is not first", c.outcome)
		}
	}
}

// A file that passes the upload checks but that ffmpeg cannot transcode ends
// failed with the reason, the original still playing, and is not run again.
func TestUntranscodableVideoFailsOnce(t *testing.T) {
	p := newProcessing(t)
	data := clip(t, "-f", "lavfi", "-i", "testsrc2=duration=2:size=320x240:rate=25", "-f", "lavfi", "-i", "sine=duration=2",
		"-pix_fmt", "yuv420p", "-c:v", "mpeg4", "-c:a", "aac") // MPEG-4 Part 2: transcoded, audio too
	// An AAC configuration that ffprobe accepts but the decoder refuses on
	// the way: the upload checks read the video stream only.
	cfg := bytes.Index(data, []byte{0x05, 0x80, 0x80, 0x80, 0x05, 0x12, 0x08})
	if cfg < 0 {
		t.Fatal("no AAC configuration found")
	}
	copy(data[cfg+5:], []byte{0x13, 0x88, 0, 0, 0})
	v := p.publish(data)
	tools := p.svcCtx.Tools
	if _, err := tools.Probe(context.Background(), p.path(v.PlayKey)); err != nil {
		t.Fatalf("the upload checks refuse it: %v", err)
	}
	if err := tools.Cover(context.Background(), p.path(v.PlayKey), p.path(v.PlayKey)+".jpg"); err != nil {
		t.Fatalf("the upload checks refuse it: %v", err)
	}
	outcome, err := NewProcessVideoLogic(context.Background(), p.svcCtx).Process(v.Id)
	if err != nil || outcome != videometrics.Failed {
		t.Fatalf("process: %s %v", outcome, err)
	}
	failed := p.row(v.Id)
	if failed.ProcessState != model.ProcessFailed || failed.ProcessError == "" || failed.PlayKey != v.PlayKey || failed.CoverKey != v.CoverKey {
		t.Fatalf("after a failure: %+v", failed)
	}
	p.backdate(v.Id)
	if resent, _, err := p.sweep.Sweep(context.Background()); err != nil || slices.Contains(resent, v.Id) {
		t.Fatalf("the sweeper sent a failed video again: %v", err)
	}
	if outcome, _ := NewProcessVideoLogic(context.Background(), p.svcCtx).Process(v.Id); outcome != videometrics.Skipped {
		t.Fatalf("a failed video ran again: %s", outcome)
	}
	if _, err := os.Stat(p.path(v.PlayKey)); err != nil {
		t.Fatal("the original is gone")
	}
}

// Core NATS loses what is published while it is down, and a run can die with
// its worker: the sweeper sends such videos again once they are RetryAfter
// old, and the consumer processes them; after MaxAttempts runs that never
// finished it gives up, the original playing on.
func TestSweeperCatchesUpWithLostEventsAndDeadRuns(t *testing.T) {
	p := newProcessing(t)
	p.consume()
	pub := p.svcCtx.Events

	// NATS is down when the video is published: publishing still succeeds.
	p.nats.Stop()
	lost := p.publish(clip(t, "-f", "lavfi", "-i", "testsrc2=duration=1:size=640x360:rate=25", "-pix_fmt", "yuv420p", "-c:v", "libx264"))
	if err := events.PublishJSON(context.Background(), pub, events.SubjectVideoPublished, events.VideoPublished{VideoID: lost.Id}); err != nil {
		t.Fatalf("publish while NATS is down: %v", err)
	}
	// A run claimed this one and died (its worker was killed mid-transcode).
	dead := p.publish(phoneClip(t))
	if _, ok, err := p.svcCtx.Video.ClaimProcessing(context.Background(), dead.Id, timeunit.NowMs(), 0, 3); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	// Not yet stale: nothing is sent again.
	if resent, _, err := p.sweep.Sweep(context.Background()); err != nil ||
		slices.Contains(resent, lost.Id) || slices.Contains(resent, dead.Id) {
		t.Fatalf("a fresh video was sent again: %v", err)
	}
	if err := p.nats.Start(); err != nil {
		t.Fatal(err)
	}
	p.backdate(lost.Id)
	p.backdate(dead.Id)
	// Sent again once: a second sweep leaves them to the busy (or absent) worker.
	if resent, _, err := p.sweep.Sweep(context.Background()); err != nil || !slices.Contains(resent, lost.Id) {
		t.Fatalf("the lost video was not sent again: %v %v", resent, err)
	}
	if resent, _, err := p.sweep.Sweep(context.Background()); err != nil || slices.Contains(resent, lost.Id) {
		t.Fatalf("the lost video was sent twice: %v %v", resent, err)
	}
	// Sweep until both are done (the first sends may go out before the
	// consumer is subscribed again, and are lost as well).
	deadline := time.Now().Add(60 * time.Second)
	for p.row(lost.Id).ProcessState != model.ProcessDone || p.row(dead.Id).ProcessState != model.ProcessDone {
		if time.Now().After(deadline) {
			t.Fatalf("not processed: %+v %+v", p.row(lost.Id), p.row(dead.Id))
		}
		if _, _, err := p.sweep.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		for id, runs := range map[int64]int64{lost.Id: 0, dead.Id: 1} {
			if v := p.row(id); v.ProcessState == model.ProcessPending && v.ProcessAttempts == runs {
				p.backdate(id) // sent but not claimed: that send was lost too
			}
		}
	}
	if p.row(dead.Id).ProcessAttempts != 2 {
		t.Fatalf("the dead run's video: %+v", p.row(dead.Id))
	}

	// Runs that never finish: after MaxAttempts, the sweeper gives up.
	stuck := p.publish(clip(t, "-f", "lavfi", "-i", "testsrc2=duration=1:size=320x240:rate=25", "-pix_fmt", "yuv420p", "-c:v", "libx264"))
	for i := 0; i < 3; i++ {
		p.backdate(stuck.Id)
		if _, ok, err := p.svcCtx.Video.ClaimProcessing(context.Background(), stuck.Id, timeunit.NowMs(),
			timeunit.NowMs()-time.Minute.Milliseconds(), 3); err != nil || !ok {
			t.Fatalf("claim %d: %v %v", i+1, ok, err)
		}
	}
	p.backdate(stuck.Id)
	if _, gaveUp, err := p.sweep.Sweep(context.Background()); err != nil || !slices.Contains(gaveUp, stuck.Id) {
		t.Fatalf("did not give up: %v %v", gaveUp, err)
	}
	if v := p.row(stuck.Id); v.ProcessState != model.ProcessFailed || v.PlayKey != stuck.PlayKey {
		t.Fatalf("after giving up: %+v", v)
	}
}
