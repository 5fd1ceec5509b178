package e2e

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"douyin/pkg/storage"
	"douyin/pkg/testenv"
)

// clip makes a short real video with ffmpeg.
func clip(t *testing.T, seconds int, extra ...string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clip.mp4")
	args := append([]string{"-v", "error", "-f", "lavfi", "-i", fmt.Sprintf("testsrc=duration=%d:size=160x120:rate=10", seconds),
		"-pix_fmt", "yuv420p"}, extra...)
	out, err := exec.Command("ffmpeg", append(args, path)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	b, _ := os.ReadFile(path)
	return b
}

// publish posts a multipart upload as the app does; chunked hides its length.
func publish(t *testing.T, st *testenv.Stack, fields map[string]string, data []byte, chunked bool) testenv.Reply {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	if data != nil {
		part, _ := w.CreateFormFile("data", "clip.mp4")
		_, _ = part.Write(data)
	}
	_ = w.Close()
	var reader io.Reader = &body
	if chunked {
		reader = io.MultiReader(&body) // no length: sent chunked
	}
	req, _ := http.NewRequest(http.MethodPost, st.URL("/douyin/publish/action/"), reader)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return testenv.DecodeReply(t, resp)
}

func storedFiles(t *testing.T, st *testenv.Stack) int {
	t.Helper()
	n := 0
	for _, dir := range []string{"videos", "covers", "tmp", "claims"} {
		entries, _ := os.ReadDir(filepath.Join(st.StorageDir, dir))
		for _, e := range entries {
			// The worker's renditions of earlier tests' videos come and go on their own.
			if !strings.Contains(e.Name(), storage.DerivedSuffix+".") {
				n++
			}
		}
	}
	return n
}

// hostileUploads are files that ffmpeg would read as something else than an
// MP4 (issue: a playlist naming a server-local file passed as a video).
func hostileUploads(t *testing.T) map[string][]byte {
	t.Helper()
	image := filepath.Join(t.TempDir(), "image.png")
	if out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1",
		image).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	png, _ := os.ReadFile(image)
	// A server-local video: without the whitelists both lists pass as it.
	local := filepath.Join(t.TempDir(), "local.mp4")
	_ = os.WriteFile(local, clip(t, 1), 0o644)
	return map[string][]byte{
		"an HLS playlist":  []byte("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + local + "\n#EXT-X-ENDLIST\n"),
		"a concat list":    []byte("ffconcat version 1.0\nfile '" + local + "'\n"),
		"an image":         png,
		"a zero-byte file": {},
	}
}

func TestPublishShowsInFeedAndPlaysWithRanges(t *testing.T) {
	st := testenv.Get().Stack(t)
	uid, token := account(t, st, "publisher")
	title := `My "first" <clip> & more`
	if r := publish(t, st, map[string]string{"token": token, "title": title}, clip(t, 1), false); r.Code() != 0 {
		t.Fatalf("publish: %v", r)
	}

	feed := st.Get(t, "/douyin/feed/", url.Values{"token": {token}})
	videos := feed.List("video_list")
	if feed.Code() != 0 || len(videos) == 0 {
		t.Fatalf("feed: %v", feed)
	}
	head := videos[0]
	if head.Str("title") != title || head.Obj("author").Int("id") != uid || head.Obj("author").Int("work_count") != 1 {
		t.Fatalf("head of the feed: %v", head)
	}
	if feed.Int("next_time") <= 0 {
		t.Fatalf("next_time %d", feed.Int("next_time"))
	}
	for _, k := range []string{"id", "author", "play_url", "cover_url", "favorite_count", "comment_count", "is_favorite", "title"} {
		if _, ok := head[k]; !ok {
			t.Errorf("video has no %q", k)
		}
	}

	list := st.Get(t, "/douyin/publish/list/", url.Values{"user_id": {fmt.Sprint(uid)}})
	if list.Code() != 0 || len(list.List("video_list")) != 1 || list.List("video_list")[0].Int("id") != head.Int("id") {
		t.Fatalf("publish list: %v", list)
	}

	// Players seek: a range request answers exactly those bytes.
	req, _ := http.NewRequest(http.MethodGet, head.Str("play_url"), nil)
	req.Header.Set("Range", "bytes=100-199")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	part, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || len(part) != 100 || resp.Header.Get("Content-Type") != "video/mp4" {
		t.Fatalf("range request: HTTP %d, %d bytes, %q", resp.StatusCode, len(part), resp.Header.Get("Content-Type"))
	}
	whole, _ := http.Get(head.Str("play_url"))
	all, _ := io.ReadAll(whole.Body)
	whole.Body.Close()
	if !bytes.Equal(all[100:200], part) {
		t.Fatal("the range does not match the file")
	}
	cover, err := http.Get(head.Str("cover_url"))
	if err != nil || cover.StatusCode != http.StatusOK || cover.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("cover: %v %v", err, cover)
	}
	cover.Body.Close()
}

func TestPublishRefusalsLeaveNothingBehind(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	_, token := account(t, st, "refused")
	video := clip(t, 1)
	faststart := clip(t, 2, "-movflags", "+faststart") // the index first: it probes whole when cut
	oversized := make([]byte, testenv.TestMaxUploadBytes+1024)
	copy(oversized, video)
	cases := []struct {
		name    string
		fields  map[string]string
		data    []byte
		chunked bool
	}{
		{"a text file renamed .mp4", map[string]string{"token": token, "title": "t"}, []byte("not a video at all\n"), false},
		{"a truncated video", map[string]string{"token": token, "title": "t"}, video[:len(video)/2], false},
		{"a truncated faststart video", map[string]string{"token": token, "title": "t"}, faststart[:len(faststart)/2], false},
		{"an oversized file", map[string]string{"token": token, "title": "t"}, oversized, false},
		{"an oversized chunked upload", map[string]string{"token": token, "title": "t"}, oversized, true},
		{"a bad token", map[string]string{"token": token + "x", "title": "t"}, video, false},
		{"no token", map[string]string{"title": "t"}, video, false},
		{"no title", map[string]string{"token": token}, video, false},
		{"no file", map[string]string{"token": token, "title": "t"}, nil, false},
	}
	for name, data := range hostileUploads(t) {
		cases = append(cases, struct {
			name    string
			fields  map[string]string
			data    []byte
			chunked bool
		}{name, map[string]string{"token": token, "title": "t"}, data, false})
	}
	videosBefore := env.QueryInt(t, "select count(*) from video")
	filesBefore := storedFiles(t, st)
	for _, c := range cases {
		r := publish(t, st, c.fields, c.data, c.chunked)
		if r.Code() == 0 {
			t.Errorf("%s: accepted", c.name)
		}
		if n := env.QueryInt(t, "select count(*) from video"); n != videosBefore {
			t.Errorf("%s: left a row", c.name)
		}
		if n := storedFiles(t, st); n != filesBefore {
			t.Errorf("%s: left %d files", c.name, n-filesBefore)
		}
	}
	r := publish(t, st, map[string]string{"token": token, "title": "t"}, []byte("hello"), false)
	if !strings.Contains(strings.ToLower(r.Str("status_msg")), "video") {
		t.Errorf("the refusal of a non-video does not say so: %q", r.Str("status_msg"))
	}
}

func TestFeedPagesBackwardsAndWrapsAround(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	uid, token := account(t, st, "pager")
	// 65 videos one second apart in 2020, older than anything the other tests publish.
	const base, count = int64(1577836800000), 65
	db := env.SQL(t)
	for i := 0; i < count; i++ {
		if _, err := db.Exec("insert into video (author_id, title, play_key, cover_key, created_at) values (?, ?, '', '', ?)",
			uid, fmt.Sprintf("page-%02d", i), base+int64(i)*1000); err != nil {
			t.Fatal(err)
		}
	}
	// The rows bypassed the video service: drop the timeline so it is rebuilt.
	if _, err := env.Redis().Del("video:timeline"); err != nil {
		t.Fatal(err)
	}

	page := func(latest string) testenv.Reply {
		r := st.Get(t, "/douyin/feed/", url.Values{"latest_time": {latest}, "token": {token}})
		if r.Code() != 0 {
			t.Fatalf("feed latest_time=%s: %v", latest, r)
		}
		return r
	}
	newest := base + (count-1)*1000
	// In seconds and in milliseconds, strictly before latest_time.
	for _, latest := range []string{fmt.Sprint((newest + 1000) / 1000), fmt.Sprint(newest + 1)} {
		seen := map[int64]bool{}
		cursor := latest
		for _, want := range []int{30, 30, 5} {
			r := page(cursor)
			videos := r.List("video_list")
			if len(videos) != want {
				t.Fatalf("latest_time=%s: %d videos, want %d", cursor, len(videos), want)
			}
			for i, v := range videos {
				if seen[v.Int("id")] {
					t.Fatalf("video %d seen twice", v.Int("id"))
				}
				seen[v.Int("id")] = true
				if i > 0 && v.Str("title") >= videos[i-1].Str("title") {
					t.Fatalf("not newest first: %s after %s", v.Str("title"), videos[i-1].Str("title"))
				}
				if !strings.HasPrefix(v.Str("play_url"), "http") || !strings.HasPrefix(v.Str("cover_url"), "http") {
					t.Fatalf("empty media URLs: %v", v)
				}
			}
			cursor = fmt.Sprint(r.Int("next_time"))
		}
		if len(seen) != count {
			t.Fatalf("%d videos seen, want %d", len(seen), count)
		}
		// Nothing older is left: the feed starts again from the newest page.
		wrapped := page(cursor)
		if len(wrapped.List("video_list")) == 0 || wrapped.List("video_list")[0].Int("id") == 0 {
			t.Fatalf("no wrap-around: %v", wrapped)
		}
	}
	// A latest_time in the future is now.
	if r := page("99999999999999"); len(r.List("video_list")) == 0 {
		t.Fatal("a future latest_time gave an empty feed")
	}
	if r := st.Get(t, "/douyin/feed/", url.Values{"latest_time": {"soon"}}); r.Code() == 0 {
		t.Fatal("a non-numeric latest_time was accepted")
	}
}

func TestSeedLoadsDemoVideosOnce(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	seed := func() string {
		cmd := exec.Command("bash", filepath.Join(env.Root, "deploy/scripts/seed.sh"))
		cmd.Env = append(os.Environ(), "GATEWAY_URL="+st.BaseURL)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("seed: %v\n%s", err, out)
		}
		return string(out)
	}
	seed()
	demo := env.QueryInt(t, "select count(*) from video v join user u on u.id = v.author_id where u.username like 'demo\\_%'")
	if demo < 10 {
		t.Fatalf("%d demo videos", demo)
	}
	// Again: nothing is published twice.
	if out := seed(); !strings.Contains(out, "published 0 demo videos") {
		t.Fatalf("the second seed published again: %s", out)
	}
	if n := env.QueryInt(t, "select count(*) from video v join user u on u.id = v.author_id where u.username like 'demo\\_%'"); n != demo {
		t.Fatalf("%d demo videos after seeding twice, want %d", n, demo)
	}
	// The feed shows them, with covers that are images.
	feed := st.Get(t, "/douyin/feed/", nil)
	videos := feed.List("video_list")
	if len(videos) < 10 {
		t.Fatalf("feed after seeding: %v", feed)
	}
	cover, err := http.Get(videos[0].Str("cover_url"))
	if err != nil || cover.StatusCode != http.StatusOK || cover.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("demo cover: %v %v", err, cover)
	}
	cover.Body.Close()
}

func TestPublishWithTheVideoServiceDownShowsNothing(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	_, token := account(t, st, "unlucky")
	video := clip(t, 1)
	videosBefore := env.QueryInt(t, "select count(*) from video")
	claims, _ := os.ReadDir(filepath.Join(st.StorageDir, "claims"))

	st.Kill("video-rpc")
	r := publish(t, st, map[string]string{"token": token, "title": "lost"}, video, false)
	st.Restart(t, "video-rpc")
	if r.Code() == 0 {
		t.Fatal("published without the video service")
	}
	if n := env.QueryInt(t, "select count(*) from video"); n != videosBefore {
		t.Fatal("a row appeared")
	}
	// The stored files are invisible (no row names them) and claimed: the
	// gateway's sweeper removes them once the video service confirms it.
	after, _ := os.ReadDir(filepath.Join(st.StorageDir, "claims"))
	if len(after) != len(claims)+1 {
		t.Fatalf("%d claims, want %d", len(after), len(claims)+1)
	}
	feed := st.Get(t, "/douyin/feed/", nil)
	for _, v := range feed.List("video_list") {
		if v.Str("title") == "lost" {
			t.Fatal("the failed publish is in the feed")
		}
	}
}
