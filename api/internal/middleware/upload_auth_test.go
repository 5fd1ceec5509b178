package middleware

import (
	"bytes"
	"io"
	"mime/multipart"
	"os"
	"testing"

	"douyin/pkg/xerr"
)

// watchedBody is a request body that counts what was read of it and notices a
// file appearing in the temporary folder while it is read.
type watchedBody struct {
	r       io.Reader
	dir     string
	read    int
	sawFile bool
}

func (b *watchedBody) Read(p []byte) (int, error) {
	if entries, _ := os.ReadDir(b.dir); len(entries) > 0 {
		b.sawFile = true
	}
	n, err := b.r.Read(p)
	b.read += n
	return n, err
}

// partsBody writes the parts in the given order: "data" is the video.
func partsBody(order []string, values map[string]string, video []byte) (*bytes.Buffer, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, name := range order {
		if name == "data" {
			part, _ := w.CreateFormFile("data", "clip.mp4")
			_, _ = part.Write(video)
			continue
		}
		_ = w.WriteField(name, values[name])
	}
	_ = w.Close()
	return &b, w.FormDataContentType()
}

func TestUploadAuthenticatesBeforeWritingTheVideo(t *testing.T) {
	video := bytes.Repeat([]byte("v"), 900<<10)
	cases := []struct {
		name        string
		target      string
		order       []string
		values      map[string]string
		bearer      string
		wantCode    float64
		boundedRead bool // refused after a small read, not after the video
	}{
		{"the token after the video", "/douyin/publish/action/", []string{"title", "data", "token"},
			map[string]string{"title": "t", "token": tok}, "", xerr.Unauthorized, true},
		{"no token at all", "/douyin/publish/action/", []string{"title", "data"},
			map[string]string{"title": "t"}, "", xerr.Unauthorized, true},
		{"a forged token part", "/douyin/publish/action/", []string{"token", "title", "data"},
			map[string]string{"title": "t", "token": tok + "x"}, "", xerr.Unauthorized, true},
		{"a forged query token", "/douyin/publish/action/?token=" + qt + "x", []string{"title", "data"},
			map[string]string{"title": "t"}, "", xerr.Unauthorized, true},
		{"a forged Bearer token", "/douyin/publish/action/", []string{"title", "data"},
			map[string]string{"title": "t"}, tok + "x", xerr.Unauthorized, true},
		{"a token part first", "/douyin/publish/action/", []string{"token", "title", "data"},
			map[string]string{"title": "t", "token": tok}, "", 0, false},
		{"a query token", "/douyin/publish/action/?token=" + qt, []string{"title", "data"},
			map[string]string{"title": "t"}, "", 0, false},
		{"a Bearer token", "/douyin/publish/action/", []string{"title", "data"},
			map[string]string{"title": "t"}, tok, 0, false},
	}
	for _, c := range cases {
		dir := t.TempDir()
		raw, ct := partsBody(c.order, c.values, video)
		body := &watchedBody{r: raw, dir: dir}
		r := request(c.target, body, ct, true)
		if c.bearer != "" {
			r.Header.Set("Authorization", "Bearer "+c.bearer)
		}
		got, reply := serve(t, dir, r)
		if reply["status_code"] != c.wantCode || got.called != (c.wantCode == 0) {
			t.Errorf("%s: called=%v reply %v", c.name, got.called, reply)
			continue
		}
		if c.wantCode == 0 {
			if len(got.file) != len(video) {
				t.Errorf("%s: the handler got %d bytes of video", c.name, len(got.file))
			}
			continue
		}
		if body.sawFile || leftovers(t, dir) != 0 {
			t.Errorf("%s: a file was written (%d left)", c.name, leftovers(t, dir))
		}
		if c.boundedRead && body.read > 64<<10 {
			t.Errorf("%s: %d bytes read before the refusal", c.name, body.read)
		}
	}
}
