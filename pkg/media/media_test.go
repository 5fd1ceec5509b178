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

func makeVideo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clip.mp4")
	out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10",
		"-pix_fmt", "yuv420p", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	return path
}

func TestProbeAndCoverOfARealVideo(t *testing.T) {
	video := makeVideo(t)
	info, err := tools.Probe(context.Background(), video)
	if err != nil || info.Width != 160 || info.Duration <= 0 {
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
