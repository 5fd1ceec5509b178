package middleware

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"douyin/pkg/token"
	"douyin/pkg/xerr"
)

const (
	testLimit  = 1 << 20
	testSecret = "upload-test-secret-upload-test-secret"
)

var (
	testVerifier = token.NewVerifier(testSecret)
	// tok and qt are valid tokens (of users 1 and 2): the upload is authenticated first.
	tok, _ = token.Issue(testSecret, 3600, 1)
	qt, _  = token.Issue(testSecret, 3600, 2)
)

type seen struct {
	called       bool
	token, title string
	file         []byte
	path         string
}

// serve runs the Upload middleware in front of a handler that records what it got.
func serve(t *testing.T, tempDir string, r *http.Request) (*seen, map[string]any) {
	t.Helper()
	got := &seen{}
	h := NewUploadMiddleware(testLimit, tempDir, testVerifier).Handle(func(w http.ResponseWriter, r *http.Request) {
		got.called = true
		got.token, got.title = r.FormValue("token"), r.FormValue("title")
		got.path = UploadedFile(r.Context())
		if got.path != "" {
			got.file, _ = os.ReadFile(got.path)
		}
		_, _ = w.Write([]byte(`{"status_code":0}`))
	})
	w := httptest.NewRecorder()
	h(w, r)
	var body map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("not JSON: %q", w.Body.String())
	}
	if w.Code != http.StatusOK {
		t.Fatalf("HTTP %d", w.Code)
	}
	return got, body
}

func multipartBody(fields map[string]string, data []byte) (io.Reader, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	if data != nil {
		part, _ := w.CreateFormFile("data", "../../etc/passwd")
		_, _ = part.Write(data)
	}
	_ = w.Close()
	return &b, w.FormDataContentType()
}

func request(target string, body io.Reader, contentType string, chunked bool) *http.Request {
	if chunked {
		body = io.MultiReader(body) // hides the length: httptest leaves ContentLength -1
	}
	r := httptest.NewRequest(http.MethodPost, target, body)
	r.Header.Set("Content-Type", contentType)
	if chunked {
		r.ContentLength = -1
	}
	return r
}

func leftovers(t *testing.T, dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func TestUploadStreamsTheFileAndHandsOnTheFields(t *testing.T) {
	dir := t.TempDir()
	video := bytes.Repeat([]byte("v"), 300<<10)
	body, ct := multipartBody(map[string]string{"token": tok, "title": "Hello 你好"}, video)
	got, reply := serve(t, dir, request("/douyin/publish/action/", body, ct, false))
	if !got.called || got.token != tok || got.title != "Hello 你好" || !bytes.Equal(got.file, video) {
		t.Fatalf("handler saw token=%q title=%q file %d bytes (%v)", got.token, got.title, len(got.file), reply)
	}
	if !strings.HasPrefix(got.path, dir) {
		t.Fatalf("the upload went to %s, not the temporary folder", got.path)
	}
	// The client's file name reaches no path, and the file is gone after the request.
	if strings.Contains(got.path, "passwd") || leftovers(t, dir) != 0 {
		t.Fatalf("upload path %s, %d files left", got.path, leftovers(t, dir))
	}
}

func TestUploadFallsBackToTheQuery(t *testing.T) {
	body, ct := multipartBody(map[string]string{"title": "from the body"}, []byte("x"))
	got, _ := serve(t, t.TempDir(), request("/douyin/publish/action/?token="+qt+"&title=from+the+query", body, ct, false))
	if got.token != qt || got.title != "from the body" {
		t.Fatalf("token=%q title=%q", got.token, got.title)
	}
}

func TestUploadRefusesOversizedBodies(t *testing.T) {
	for _, c := range []struct {
		name    string
		size    int
		chunked bool
	}{
		{"just over the limit", testLimit + 1, false},
		{"just over the limit, chunked", testLimit + 1, true},
		{"far over the limit", 3 * testLimit, false},
		{"far over the limit, chunked", 3 * testLimit, true},
	} {
		dir := t.TempDir()
		body, ct := multipartBody(map[string]string{"token": tok, "title": "t"}, make([]byte, c.size))
		got, reply := serve(t, dir, request("/douyin/publish/action/", body, ct, c.chunked))
		if got.called || reply["status_code"] != float64(xerr.RequestTooLarge) {
			t.Errorf("%s: called=%v reply %v", c.name, got.called, reply)
		}
		if msg, _ := reply["status_msg"].(string); !strings.Contains(msg, "1 MB") {
			t.Errorf("%s: the refusal does not give the limit: %q", c.name, msg)
		}
		if n := leftovers(t, dir); n != 0 {
			t.Errorf("%s: %d files left", c.name, n)
		}
	}
	// Exactly at the limit is fine.
	body, ct := multipartBody(map[string]string{"token": tok, "title": "t"}, make([]byte, testLimit))
	if got, reply := serve(t, t.TempDir(), request("/douyin/publish/action/", body, ct, true)); !got.called || len(got.file) != testLimit {
		t.Fatalf("a file at the limit: %v", reply)
	}
}

func TestUploadRefusesWhatIsNotMultipart(t *testing.T) {
	dir := t.TempDir()
	r := request("/douyin/publish/action/?token="+tok+"&title=t", strings.NewReader("data=abc"), "application/x-www-form-urlencoded", false)
	got, reply := serve(t, dir, r)
	if got.called || reply["status_code"] != float64(xerr.InvalidParam) {
		t.Fatalf("called=%v reply %v", got.called, reply)
	}
	// A body cut off mid-part is refused and leaves nothing.
	body, ct := multipartBody(map[string]string{"token": tok}, make([]byte, 1000))
	b, _ := io.ReadAll(body)
	got, reply = serve(t, dir, request("/douyin/publish/action/", bytes.NewReader(b[:len(b)-100]), ct, false))
	if got.called || reply["status_code"] != float64(xerr.InvalidParam) || leftovers(t, dir) != 0 {
		t.Fatalf("truncated body: called=%v reply %v", got.called, reply)
	}
}
