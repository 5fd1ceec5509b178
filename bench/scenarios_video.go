package main

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
	"strconv"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

func init() {
	register(Scenario{Name: "feed_anonymous", Setup: func(b *Bench) (Request, error) {
		return get(b.Gateway+"/douyin/feed/", nil), nil
	}})
	register(Scenario{Name: "feed_token", Setup: func(b *Bench) (Request, error) {
		u, err := b.NewUser("feeder")
		if err != nil {
			return nil, err
		}
		// The viewer likes a video and follows its author, so the flags are real.
		videoID, err := b.AnyVideo()
		if err != nil {
			return nil, err
		}
		if err := b.Action("/douyin/favorite/action/", url.Values{"token": {u.Token}, "video_id": {fmt.Sprint(videoID)}, "action_type": {"1"}}); err != nil {
			return nil, err
		}
		return get(b.Gateway+"/douyin/feed/", url.Values{"token": {u.Token}}), nil
	}})
	register(Scenario{Name: "publish_list_30", Setup: func(b *Bench) (Request, error) {
		author, err := b.NewUser("author")
		if err != nil {
			return nil, err
		}
		viewer, err := b.NewUser("lister")
		if err != nil {
			return nil, err
		}
		// 30 videos of one author (rows only: the list reads rows, not files).
		var sb strings.Builder
		// Already processed: the worker leaves them alone during the measurements.
		sb.WriteString("insert into video (author_id, title, play_key, cover_key, created_at, process_state) values ")
		for i := 0; i < 30; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, "(%d,'listed %d','videos/listed%d.mp4','',%d,'done')", author.ID, i, i, time.Now().UnixMilli()-int64(i))
		}
		if _, err := sqlDB(b).Exec(sb.String()); err != nil {
			return nil, err
		}
		return get(b.Gateway+"/douyin/publish/list/", url.Values{"user_id": {fmt.Sprint(author.ID)}, "token": {viewer.Token}}), nil
	}})
	register(Scenario{Name: "feed_table_size", Setup: noSetup, Load: feedTableSize})
	register(Scenario{Name: "publish_upload", Setup: noSetup, Load: publishUpload})
}

func noSetup(*Bench) (Request, error) { return nil, nil }

// feedTableSize measures one client's feed latency, at the head (the Redis
// timeline) and deep down (MySQL, below the timeline), with about 10^3 and then
// 10^6 videos in the table.
func feedTableSize(b *Bench, _ Request) ([]result, error) {
	db, err := sql.Open("mysql", b.Env.DataSource)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var results []result
	for _, size := range []int{1000, 1_000_000} {
		if err := fillVideos(db, size); err != nil {
			return nil, err
		}
		// The rows bypassed the video service: let the timeline be rebuilt.
		if _, err := b.Env.Redis().Del("video:timeline"); err != nil {
			return nil, err
		}
		// Deep pages: in 2001, far below the timeline's newest 10^4 videos.
		deep := strconv.FormatInt(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), 10)
		for _, page := range []struct{ name, latest string }{{"head", ""}, {"deep", deep}} {
			params := url.Values{}
			if page.latest != "" {
				params.Set("latest_time", page.latest)
			}
			res, err := b.closedLoop(fmt.Sprintf("feed %s page, %d videos", page.name, size), get(b.Gateway+"/douyin/feed/", params), 1, *duration)
			if err != nil {
				return nil, err
			}
			res.PerSecond = 0 // one client: latency is the figure here, not a rate
			results = append(results, res)
		}
	}
	return results, nil
}

// fillVideos adds rows until the table holds size videos, one per second from
// 2000 on (older than every real video), in multi-row inserts.
func fillVideos(db *sql.DB, size int) error {
	var have int
	if err := db.QueryRow("select count(*) from video").Scan(&have); err != nil {
		return err
	}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	const batch = 5000
	for have < size {
		n := min(batch, size-have)
		var sb strings.Builder
		sb.WriteString("insert into video (author_id, title, play_key, cover_key, created_at, process_state) values ")
		for i := 0; i < n; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, "(1,'bulk %d','','',%d,'done')", have+i, start+int64(have+i)*1000)
		}
		if _, err := db.Exec(sb.String()); err != nil {
			return err
		}
		have += n
	}
	return nil
}

// publishUpload publishes a 5 MB and a 50 MB video and reports the latency and
// the gateway's peak memory after each: uploads stream to disk, so the peak must
// not grow with the file.
func publishUpload(b *Bench, _ Request) ([]result, error) {
	u, err := b.NewUser("uploader")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "bench-upload-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var results []result
	for _, seconds := range []int{2, 15} { // about 5 MB and 50 MB
		path := filepath.Join(dir, fmt.Sprintf("clip%d.mp4", seconds))
		if out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30",
			"-t", strconv.Itoa(seconds), "-c:v", "mpeg4", "-q:v", "1", path).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("ffmpeg: %v %s", err, out)
		}
		info, _ := os.Stat(path)
		start := time.Now()
		if err := b.upload(u.Token, path); err != nil {
			return nil, err
		}
		elapsed := time.Since(start)
		results = append(results, result{
			Name: fmt.Sprintf("publish %d MB", info.Size()>>20), Requests: 1, P50: elapsed, P99: elapsed,
			Note: fmt.Sprintf("gateway peak RSS after it: %s", peakRSS(b.Stack.Pid("douyin-api"))),
		})
	}
	return results, nil
}

// upload streams a multipart publish from the file, as a phone does.
func (b *Bench) upload(token, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	pr, pw := io.Pipe()
	w := multipart.NewWriter(pw)
	go func() {
		_ = w.WriteField("token", token)
		_ = w.WriteField("title", "bench upload")
		part, _ := w.CreateFormFile("data", filepath.Base(path))
		_, err := io.Copy(part, f)
		if err == nil {
			err = w.Close()
		}
		pw.CloseWithError(err)
	}()
	r, err := http.NewRequest(http.MethodPost, b.Gateway+"/douyin/publish/action/", pr)
	if err != nil {
		return err
	}
	r.Header.Set("Content-Type", w.FormDataContentType())
	return b.Do(r)
}

// peakRSS is VmHWM of a process: the most memory it ever held.
func peakRSS(pid int) string {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?"
	}
	for _, line := range bytes.Split(status, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("VmHWM:")) {
			return strings.Join(strings.Fields(string(line[6:])), " ")
		}
	}
	return "?"
}
