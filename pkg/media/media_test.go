package media

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
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
