package media

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

var tools = Tools{Ffprobe: "ffprobe", Ffmpeg: "ffmpeg"}

func makeVideo(t *testing.T, extra ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clip.mp4")
	args := append([]string{"-v", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=25", "-pix_fmt", "yuv420p"}, extra...)
	out, err := exec.Command("ffmpeg", append(args, path)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	return path
}

func TestProbeAndCoverOfARealVideo(t *testing.T) {
	video := makeVideo(t)
	info, err := tools.Probe(context.Background(), video)
	if err != nil || info.Width != 320 || info.Duration <= 0 {
		t.Fatalf("probe: %+v %v", info, err)
	}
	cover := filepath.Join(t.TempDir(), "cover.jpg")
	if err := tools.Cover(context.Background(), video, cover); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(cover)
	if len(b) < 3 || b[0] != 0xFF || b[1] != 0xD8 {
		t.Fatal("the cover is not a JPEG")
	}
}

func TestProbeRefusesWhatIsNotAVideo(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.mp4")
	_ = os.WriteFile(text, []byte("just some text, renamed .mp4\n"), 0o644)
	video, _ := os.ReadFile(makeVideo(t))
	truncated := filepath.Join(dir, "truncated.mp4")
	_ = os.WriteFile(truncated, video[:len(video)/2], 0o644)
	empty := filepath.Join(dir, "empty.mp4")
	_ = os.WriteFile(empty, nil, 0o644)
	for _, path := range []string{text, truncated, empty} {
		if _, err := tools.Probe(context.Background(), path); !errors.Is(err, ErrNotAVideo) {
			t.Errorf("%s: %v", filepath.Base(path), err)
		}
	}
}

// With the index at the front, a file cut in half still probes as a whole
// video; reading its packets for the cover finds the cut.
func TestCoverRefusesATruncatedFaststartFile(t *testing.T) {
	video, _ := os.ReadFile(makeVideo(t, "-movflags", "+faststart"))
	truncated := filepath.Join(t.TempDir(), "truncated.mp4")
	_ = os.WriteFile(truncated, video[:len(video)/2], 0o644)
	err := tools.Cover(context.Background(), truncated, filepath.Join(t.TempDir(), "cover.jpg"))
	if !errors.Is(err, ErrNotAVideo) {
		t.Fatalf("cover of a truncated faststart file: %v", err)
	}
}

// hostileFiles are uploads that ffmpeg would read as something else than an
// MP4: each must be refused, whatever its name says.
func hostileFiles(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	// A server-local video: without the whitelists the playlist probes as it.
	local := makeVideo(t)
	files := map[string]string{
		"hls.mp4":    "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + local + "\n#EXT-X-ENDLIST\n",
		"concat.mp4": "ffconcat version 1.0\nfile '" + local + "'\n",
		"empty.mp4":  "",
	}
	paths := map[string]string{}
	for name, body := range files {
		paths[name] = filepath.Join(dir, name)
		_ = os.WriteFile(paths[name], []byte(body), 0o644)
	}
	image := filepath.Join(dir, "image.mp4")
	if out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1",
		"-f", "image2", "-c:v", "png", image).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	paths["image.mp4"] = image
	return paths
}

func TestProbeAndCoverRefuseOtherFormats(t *testing.T) {
	for name, path := range hostileFiles(t) {
		if info, err := tools.Probe(context.Background(), path); !errors.Is(err, ErrNotAVideo) {
			t.Errorf("probe of %s: %+v %v", name, info, err)
		}
		if err := tools.Cover(context.Background(), path, path+".jpg"); !errors.Is(err, ErrNotAVideo) {
			t.Errorf("cover of %s: %v", name, err)
		}
	}
}

func TestProbeLearnsCodecsAndFormat(t *testing.T) {
	video := filepath.Join(t.TempDir(), "av.mp4")
	if out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=25",
		"-f", "lavfi", "-i", "sine=duration=3", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-c:a", "aac", video).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	info, err := tools.Probe(context.Background(), video)
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != Formats || info.VideoCodec != "h264" || info.AudioCodec != "aac" || info.PixelFormat != "yuv420p" ||
		info.LongSide() != 320 || info.BitRate <= 0 {
		t.Fatalf("probe: %+v", info)
	}
}

// A bounded Tools runs no more than its bound at once: a run beyond it waits,
// and gives up when its context ends first.
func TestToolsBoundConcurrentRuns(t *testing.T) {
	bounded := NewTools("ffprobe", "ffmpeg", 1)
	bounded.runs <- struct{}{} // the one run allowed is under way
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := bounded.Probe(ctx, makeVideo(t)); !errors.Is(err, context.Canceled) {
		t.Fatalf("a run beyond the bound: %v", err)
	}
	<-bounded.runs
	if _, err := bounded.Probe(context.Background(), makeVideo(t)); err != nil {
		t.Fatalf("a run within the bound: %v", err)
	}
}

func TestMoovFirst(t *testing.T) {
	for _, c := range []struct {
		extra []string
		want  bool
	}{{nil, false}, {[]string{"-movflags", "+faststart"}, true}} {
		got, err := MoovFirst(makeVideo(t, c.extra...))
		if err != nil || got != c.want {
			t.Errorf("%v: moov first %v %v, want %v", c.extra, got, err, c.want)
		}
	}
}

func TestPlanFor(t *testing.T) {
	c := RenditionConf{MaxLongSide: 1280, VideoKbps: 2000, KeepKbps: 3000}
	small := Info{VideoCodec: "h264", PixelFormat: "yuv420p", Width: 720, Height: 1280, AudioCodec: "aac", BitRate: 1_500_000}
	for _, tc := range []struct {
		name      string
		info      Info
		moovFirst bool
		want      string
	}{
		{"small faststart H.264", small, true, "keep"},
		{"small H.264, index at the end", small, false, "remux"},
		{"HEVC", Info{VideoCodec: "hevc", PixelFormat: "yuv420p", Width: 720, Height: 1280}, true, "transcode"},
		{"1080p", Info{VideoCodec: "h264", PixelFormat: "yuv420p", Width: 1920, Height: 1080}, true, "transcode"},
		{"a high bitrate", Info{VideoCodec: "h264", PixelFormat: "yuv420p", Width: 640, Height: 360, BitRate: 9_000_000}, true, "transcode"},
		{"10-bit", Info{VideoCodec: "h264", PixelFormat: "yuv420p10le", Width: 640, Height: 360}, true, "transcode"},
		{"MP3 audio", Info{VideoCodec: "h264", PixelFormat: "yuv420p", Width: 640, Height: 360, AudioCodec: "mp3"}, true, "transcode"},
	} {
		if got := c.PlanFor(tc.info, tc.moovFirst).String(); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// A phone's upload (HEVC, 1080p, index at the end) becomes a faststart H.264
// and AAC rendition within the long-side cap, with a cover from a second in.
func TestRenditionOfAPhoneClip(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "phone.mp4")
	if out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=duration=2:size=1920x1080:rate=30",
		"-f", "lavfi", "-i", "sine=duration=2", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error",
		"-pix_fmt", "yuv420p", "-tag:v", "hvc1", "-c:a", "aac", src).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	info, err := tools.Probe(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	c := RenditionConf{MaxLongSide: 1280, VideoKbps: 1500, KeepKbps: 3000, AudioKbps: 96, Preset: "ultrafast", Timeout: time.Minute}
	moovFirst, _ := MoovFirst(src)
	plan := c.PlanFor(info, moovFirst)
	if !plan.EncodeVideo {
		t.Fatalf("plan %+v for %+v", plan, info)
	}
	dst := filepath.Join(dir, "rendition.mp4")
	if err := tools.Rendition(context.Background(), c, plan, src, dst); err != nil {
		t.Fatal(err)
	}
	out, err := tools.Probe(context.Background(), dst)
	if err != nil {
		t.Fatal(err)
	}
	if first, _ := MoovFirst(dst); !first || out.VideoCodec != "h264" || out.AudioCodec != "aac" || out.Width != 1280 || out.Height != 720 {
		t.Fatalf("rendition: %+v, moov first %v", out, first)
	}
	if again := c.PlanFor(out, true); !again.Keep() {
		t.Fatalf("the rendition would be processed again: %+v", again)
	}
	cover := filepath.Join(dir, "cover.jpg")
	if err := tools.Poster(context.Background(), info, src, cover); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(cover)
	if len(b) < 3 || b[0] != 0xFF || b[1] != 0xD8 {
		t.Fatal("the cover is not a JPEG")
	}
}
