// Package processing publishes videos as phones record them through the real
// stack and watches them become fast-starting renditions: through
// video.published on NATS, and through the worker's sweeper when the event is
// lost (NATS down at publish time, the worker down). Its own package and stack:
// it stops NATS and the worker, and the sweeper's timeout is short (3 s).
package processing

import (
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) {
	testenv.StackDevServers = true      // the worker's /metrics
	testenv.StackUploadLimit = 64 << 20 // clips as phones record them
	testenv.StackEnv = map[string]string{
		"VIDEO_PROCESS_RETRY_AFTER": "3s",
		"VIDEO_PROCESS_SWEEP_EVERY": "1s",
		// The likes made while NATS is down are read back from MySQL.
		"LIKE_FLUSH_DELAY": "500ms", "LIKE_FLUSH_MAX_DELAY": "2s",
	}
	os.Exit(testenv.Main(m))
}

func account(t *testing.T, st *testenv.Stack) (int64, string) {
	t.Helper()
	name := fmt.Sprintf("phone%d", time.Now().UnixNano()%1e9)
	r := st.Post(t, "/douyin/user/register/", url.Values{"username": {name}, "password": {"pw123456"}})
	if r.Code() != 0 {
		t.Fatalf("register: %v", r)
	}
	return r.Int("user_id"), r.Str("token")
}

// recording makes a clip as a camera writes it: the index (moov) at the end.
func recording(t *testing.T, size string, video ...string) []byte {
	return recordingOf(t, 2, size, video...)
}

func recordingOf(t *testing.T, seconds int, size string, video ...string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clip.mp4")
	d := fmt.Sprint(seconds)
	args := append([]string{"-v", "error", "-f", "lavfi", "-i", "testsrc2=duration=" + d + ":size=" + size + ":rate=30",
		"-f", "lavfi", "-i", "sine=duration=" + d, "-pix_fmt", "yuv420p", "-c:a", "aac"}, video...)
	if out, err := exec.Command("ffmpeg", append(args, path)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	b, _ := os.ReadFile(path)
	return b
}

// hevc1080 is a phone's 1080p HEVC clip.
func hevc1080(t *testing.T) []byte {
	return recording(t, "1920x1080", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1")
}

func publish(t *testing.T, st *testenv.Stack, token, title string, data []byte) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("token", token)
	_ = w.WriteField("title", title)
	part, _ := w.CreateFormFile("data", "VID_0001.mp4")
	_, _ = part.Write(data)
	_ = w.Close()
	resp, err := http.Post(st.URL("/douyin/publish/action/"), w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	if r := testenv.DecodeReply(t, resp); r.Code() != 0 {
		t.Fatalf("publish: %v", r)
	}
}

// video is the user's video titled title, as their publish list shows it.
func video(t *testing.T, st *testenv.Stack, uid int64, title string) testenv.Reply {
	t.Helper()
	list := st.Get(t, "/douyin/publish/list/", url.Values{"user_id": {fmt.Sprint(uid)}})
	for _, v := range list.List("video_list") {
		if v.Str("title") == title {
			return v
		}
	}
	t.Fatalf("%q is not in the publish list: %v", title, list)
	return nil
}

// inFeed is the video titled title on the feed's first page.
func inFeed(t *testing.T, st *testenv.Stack, title string) testenv.Reply {
	t.Helper()
	feed := st.Get(t, "/douyin/feed/", nil)
	for _, v := range feed.List("video_list") {
		if v.Str("title") == title {
			return v
		}
	}
	t.Fatalf("%q is not in the feed: %v", title, feed)
	return nil
}

func download(t *testing.T, rawURL string) ([]byte, string) {
	t.Helper()
	resp, err := http.Get(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: HTTP %d", rawURL, resp.StatusCode)
	}
	return b, resp.Header.Get("Content-Type")
}

// waitProcessed waits until the video's play_url is no longer original, and
// answers the video as the feed then shows it.
func waitProcessed(t *testing.T, st *testenv.Stack, title, original string) testenv.Reply {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		v := inFeed(t, st, title)
		if v.Str("play_url") != original {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("%q still plays its original; worker log:\n%s", title, tail(st.Log("douyin-mq")))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// queryInt answers one integer through one connection pool (a poll through
// testenv's QueryInt would open a pool per query until the test ends).
func queryInt(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	dbs.once.Do(func() { dbs.db, dbs.err = sql.Open("mysql", testenv.Get().DataSource) })
	if dbs.err != nil {
		t.Fatal(dbs.err)
	}
	var n int64
	if err := dbs.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// dbs is the test database, open for the test process (the driver is
// testenv's).
var dbs struct {
	once sync.Once
	db   *sql.DB
	err  error
}

func tail(s string) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n")
}

// probe checks with ffprobe that b is a fast-starting H.264/AAC MP4 whose long
// side is at most 1280, and answers its width and height.
func probe(t *testing.T, b []byte) (width, height int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "served.mp4")
	_ = os.WriteFile(path, b, 0o644)
	out, err := exec.Command("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height",
		"-of", "default=nw=1", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	facts := string(out)
	if !strings.Contains(facts, "codec_name=h264") || !strings.Contains(facts, "codec_name=aac") {
		t.Fatalf("served rendition: %s", facts)
	}
	_, _ = fmt.Sscanf(facts[strings.Index(facts, "width="):], "width=%d\nheight=%d", &width, &height)
	if max(width, height) > 1280 || width <= 0 {
		t.Fatalf("served rendition is %dx%d", width, height)
	}
	// ffprobe's trace names the top-level boxes in file order.
	trace, _ := exec.Command("ffprobe", "-v", "trace", path).CombinedOutput()
	moov, mdat := bytes.Index(trace, []byte("type:'moov'")), bytes.Index(trace, []byte("type:'mdat'"))
	if moov < 0 || mdat < 0 || moov > mdat {
		t.Fatalf("the served rendition's index is not at the front (moov at %d, mdat at %d)", moov, mdat)
	}
	return width, height
}

// metric is the value of one sample of the worker's /metrics.
func metric(t *testing.T, st *testenv.Stack, sample string) float64 {
	t.Helper()
	b, _ := download(t, fmt.Sprintf("http://127.0.0.1:%d/metrics", st.DevPorts["douyin-mq"]))
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, sample+" "); ok {
			var v float64
			_, _ = fmt.Sscan(rest, &v)
			return v
		}
	}
	return 0
}

// The app's journey: a 1080p HEVC clip, index at the end, appears at once
// with its original and first-frame cover; then video.published reaches the
// worker and the feed plays a fast-starting 720p H.264 rendition with a new
// cover. The metrics show it, and the sweeper had nothing to send again.
func TestPhoneClipBecomesAFastStartingRendition(t *testing.T) {
	st := testenv.Get().Stack(t)
	uid, token := account(t, st)
	original := hevc1080(t)
	publish(t, st, token, "phone clip", original)

	// At once, before any processing (it takes seconds): the original.
	first := video(t, st, uid, "phone clip")
	if served, _ := download(t, first.Str("play_url")); !bytes.Equal(served, original) {
		t.Fatal("the publish list does not play the original right after the publish")
	}
	if cover, kind := download(t, first.Str("cover_url")); kind != "image/jpeg" || len(cover) == 0 {
		t.Fatalf("first-frame cover: %q", kind)
	}
	done := waitProcessed(t, st, "phone clip", first.Str("play_url"))
	rendition, _ := download(t, done.Str("play_url"))
	if w, h := probe(t, rendition); w != 1280 || h != 720 {
		t.Fatalf("rendition %dx%d, want 1280x720", w, h)
	}
	cover, kind := download(t, done.Str("cover_url"))
	if kind != "image/jpeg" || len(cover) == 0 || done.Str("cover_url") == first.Str("cover_url") {
		t.Fatalf("cover %s %q (before: %s)", done.Str("cover_url"), kind, first.Str("cover_url"))
	}
	if v := video(t, st, uid, "phone clip"); v.Str("play_url") != done.Str("play_url") {
		t.Fatalf("the publish list still plays %s", v.Str("play_url"))
	}
	if n := metric(t, st, `douyin_video_processing_total{outcome="transcode"}`); n < 1 {
		t.Fatalf("transcodes on /metrics: %v", n)
	}
	if n := metric(t, st, "douyin_video_processing_lag_seconds_count"); n < 1 {
		t.Fatalf("processing lag on /metrics: %v", n)
	}
	if n := metric(t, st, `douyin_video_processing_total{outcome="resent"}`); n != 0 {
		t.Fatalf("the event was lost: the sweeper sent %v again", n)
	}
}

// NATS is down when a video is published: the publish succeeds, the feed plays
// the original, likes still reach MySQL, and once NATS is back the sweeper
// sends the video again and it is processed.
func TestPublishWhileNatsIsDown(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	_, token := account(t, st)
	st.Nats.Stop()
	defer func() { _ = st.Nats.Start() }()
	original := recording(t, "640x360", "-c:v", "libx264") // small H.264: remuxed
	publish(t, st, token, "while nats is down", original)
	v := inFeed(t, st, "while nats is down")
	if served, _ := download(t, v.Str("play_url")); !bytes.Equal(served, original) {
		t.Fatal("the feed does not play the original")
	}
	if r := st.Post(t, "/douyin/favorite/action/", url.Values{"token": {token}, "video_id": {fmt.Sprint(v.Int("id"))},
		"action_type": {"1"}}); r.Code() != 0 {
		t.Fatalf("like: %v", r)
	}
	deadline := time.Now().Add(30 * time.Second)
	for queryInt(t, "select favorite_count from video where id = ?", v.Int("id")) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the like never reached MySQL while NATS was down")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := st.Nats.Start(); err != nil {
		t.Fatal(err)
	}
	done := waitProcessed(t, st, "while nats is down", v.Str("play_url"))
	rendition, _ := download(t, done.Str("play_url"))
	probe(t, rendition)
}

// The worker is down when a video is published (the event goes nowhere) and
// comes back: its sweeper finds the video pending and processes it.
func TestPublishWhileTheWorkerIsDown(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	_, token := account(t, st)
	st.Kill("douyin-mq")
	publish(t, st, token, "while the worker is down", recording(t, "640x360", "-c:v", "mpeg4")) // transcoded
	v := inFeed(t, st, "while the worker is down")
	if n := queryInt(t, "select count(*) from video where id = ? and process_state = 'pending'", v.Int("id")); n != 1 {
		t.Fatal("the video is not pending")
	}
	st.Restart(t, "douyin-mq")
	done := waitProcessed(t, st, "while the worker is down", v.Str("play_url"))
	rendition, _ := download(t, done.Str("play_url"))
	probe(t, rendition)
}

// The worker is killed in the middle of a transcode: the video stays pending
// with the original playing, and once the worker is back its sweeper sends it
// again (the dead run stopped touching the row) and a second run finishes it.
func TestWorkerKilledMidTranscode(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	_, token := account(t, st)
	// Long enough to be caught at work: 8 s of 1080p to scale and re-encode.
	original := recordingOf(t, 8, "1920x1080", "-c:v", "mpeg4", "-q:v", "4")
	publish(t, st, token, "killed mid-transcode", original)
	v := inFeed(t, st, "killed mid-transcode")
	deadline := time.Now().Add(30 * time.Second)
	for queryInt(t, "select count(*) from video where id = ? and process_state = 'pending' and process_attempts = 1",
		v.Int("id")) != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("no run claimed the video; worker log:\n%s", tail(st.Log("douyin-mq")))
		}
		time.Sleep(20 * time.Millisecond)
	}
	st.Kill("douyin-mq")
	if n := queryInt(t, "select count(*) from video where id = ? and process_state = 'pending'", v.Int("id")); n != 1 {
		t.Fatal("the run finished before the kill: nothing was tested")
	}
	if served, _ := download(t, inFeed(t, st, "killed mid-transcode").Str("play_url")); !bytes.Equal(served, original) {
		t.Fatal("the feed does not play the original after the kill")
	}
	st.Restart(t, "douyin-mq")
	done := waitProcessed(t, st, "killed mid-transcode", v.Str("play_url"))
	rendition, _ := download(t, done.Str("play_url"))
	probe(t, rendition)
	if n := queryInt(t, "select process_attempts from video where id = ?", v.Int("id")); n != 2 {
		t.Fatalf("%d runs, want 2 (the killed one and the sweeper's)", n)
	}
}
