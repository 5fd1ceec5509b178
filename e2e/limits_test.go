package e2e

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"douyin/pkg/testenv"
	"douyin/pkg/xerr"
)

// postChunked posts body without a length (chunked), so go-zero's maxBytes,
// which reads Content-Length only, cannot see its size.
func postChunked(t *testing.T, st *testenv.Stack, path, contentType string, body io.Reader) testenv.Reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, st.URL(path), io.MultiReader(body))
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	return testenv.DecodeReply(t, resp)
}

func TestChunkedBodiesOverTheRouteLimitAreRefused(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	usersBefore := env.QueryInt(t, "select count(*) from user")
	name := strings.Repeat("u", 5<<20)
	r := postChunked(t, st, "/douyin/user/register/", "application/x-www-form-urlencoded",
		strings.NewReader("password=pw123456&username="+name))
	if r.Code() != xerr.RequestTooLarge {
		t.Fatalf("a 5 MB chunked urlencoded register: %v", r)
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("password", "pw123456")
	_ = mw.WriteField("username", strings.Repeat("m", 20<<20))
	_ = mw.Close()
	if r := postChunked(t, st, "/douyin/user/register/", mw.FormDataContentType(), &b); r.Code() != xerr.RequestTooLarge {
		t.Fatalf("a 20 MB chunked multipart register: %v", r)
	}
	_, token := account(t, st, "limits")
	if r := postChunked(t, st, "/douyin/comment/action/?token="+token, "application/x-www-form-urlencoded",
		strings.NewReader("video_id=1&action_type=1&comment_text="+name)); r.Code() != xerr.RequestTooLarge {
		t.Fatalf("a 5 MB chunked comment: %v", r)
	}
	if n := env.QueryInt(t, "select count(*) from user"); n != usersBefore+1 {
		t.Fatalf("%d users, want %d", n, usersBefore+1)
	}
}

// An upload whose video comes before any token is refused before it is read,
// and leaves nothing on disk; with the token first it is published.
func TestUploadsAreAuthenticatedBeforeTheVideoIsStored(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	_, token := account(t, st, "uploader")
	video := clip(t, 1)
	large := make([]byte, testenv.TestMaxUploadBytes-4096)
	copy(large, video)
	send := func(order []string, fields map[string]string, data []byte) testenv.Reply {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for _, name := range order {
			if name == "data" {
				part, _ := mw.CreateFormFile("data", "clip.mp4")
				_, _ = part.Write(data)
			} else {
				_ = mw.WriteField(name, fields[name])
			}
		}
		_ = mw.Close()
		return postChunked(t, st, "/douyin/publish/action/", mw.FormDataContentType(), &b)
	}
	videosBefore := env.QueryInt(t, "select count(*) from video")
	filesBefore := storedFiles(t, st)
	for name, order := range map[string][]string{
		"the token after the video": {"title", "data", "token"},
		"no token":                  {"title", "data"},
	} {
		r := send(order, map[string]string{"title": "t", "token": token}, large)
		if r.Code() != xerr.Unauthorized || !strings.Contains(r.Str("status_msg"), "before") {
			t.Errorf("%s: %v", name, r)
		}
		if n := storedFiles(t, st); n != filesBefore {
			t.Errorf("%s: %d files left", name, n-filesBefore)
		}
	}
	if r := send([]string{"token", "title", "data"}, map[string]string{"title": "t", "token": token + "x"}, large); r.Code() != xerr.Unauthorized {
		t.Errorf("a forged token: %v", r)
	}
	if n := env.QueryInt(t, "select count(*) from video"); n != videosBefore {
		t.Fatalf("refused uploads left %d rows", n-videosBefore)
	}
	if r := send([]string{"token", "title", "data"}, map[string]string{"title": "token first", "token": token}, video); r.Code() != 0 {
		t.Fatalf("the token before the video: %v", r)
	}
}
