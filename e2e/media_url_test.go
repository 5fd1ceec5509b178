package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"douyin/pkg/testenv"
)

// With no Media.PublicBaseURL the media URLs name the host the client used, so
// a phone on the LAN and a browser on the box both get URLs that play.
func TestMediaURLsNameTheHostTheClientUsed(t *testing.T) {
	st := testenv.Get().Stack(t)
	_, token := account(t, st, "hosts")
	if r := publish(t, st, map[string]string{"token": token, "title": "seen from two hosts"}, clip(t, 1), false); r.Code() != 0 {
		t.Fatalf("publish: %v", r)
	}
	port := st.Ports["douyin-api"]
	for _, host := range []string{"127.0.0.1", "localhost"} {
		base := fmt.Sprintf("http://%s:%d", host, port)
		feed := st.Get(t, base+"/douyin/feed/", url.Values{"token": {token}})
		videos := feed.List("video_list")
		if feed.Code() != 0 || len(videos) == 0 {
			t.Fatalf("feed via %s: %v", base, feed)
		}
		head := videos[0]
		for _, u := range []string{head.Str("play_url"), head.Str("cover_url"), head.Obj("author").Str("avatar")} {
			if !strings.HasPrefix(u, base+"/media/") {
				t.Fatalf("feed via %s names %s", base, u)
			}
		}
		req, _ := http.NewRequest(http.MethodGet, head.Str("play_url"), nil)
		req.Header.Set("Range", "bytes=0-99")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusPartialContent {
			t.Fatalf("%s: HTTP %d", head.Str("play_url"), resp.StatusCode)
		}
		cover, err := http.Get(head.Str("cover_url"))
		if err != nil {
			t.Fatal(err)
		}
		cover.Body.Close()
		if cover.StatusCode != http.StatusOK {
			t.Fatalf("%s: HTTP %d", head.Str("cover_url"), cover.StatusCode)
		}
	}
	// A client that is not a trusted proxy cannot redirect the URLs elsewhere.
	req, _ := http.NewRequest(http.MethodGet, st.URL("/douyin/feed/"), nil)
	req.Header.Set("X-Forwarded-Host", "evil.example.com")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	feed := testenv.DecodeReply(t, resp)
	if videos := feed.List("video_list"); len(videos) == 0 || strings.Contains(videos[0].Str("play_url"), "evil") {
		t.Fatalf("a spoofed X-Forwarded-Host: %v", feed)
	}
}
