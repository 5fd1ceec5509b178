package middleware

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
)

// param.MaxFormBytes is the limit of every route whose body param.ParseBody
// reads: douyin.api must declare the same one (publish has its own).
func TestFormRoutesDeclareTheParsersLimit(t *testing.T) {
	api, err := os.ReadFile("../../../douyin.api")
	if err != nil {
		t.Fatal(err)
	}
	groups := regexp.MustCompile(`(?s)@server \((.*?)\)`).FindAllStringSubmatch(string(api), -1)
	if len(groups) < 10 {
		t.Fatalf("found %d route groups in douyin.api", len(groups))
	}
	for _, g := range groups {
		m := regexp.MustCompile(`maxBytes:\s*(\d+)`).FindStringSubmatch(g[1])
		if m == nil {
			t.Errorf("a group without maxBytes: %s", g[1])
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if !strings.Contains(g[1], "Upload") && n != param.MaxFormBytes {
			t.Errorf("a group declares maxBytes %d, the parser holds %d: %s", n, param.MaxFormBytes, g[1])
		}
	}
}

func envelope(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var body map[string]any
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &body) != nil {
		t.Fatalf("HTTP %d %q", w.Code, w.Body.String())
	}
	return body
}

func TestAuthRefusesChunkedBodiesOverTheLimit(t *testing.T) {
	verifier := token.NewVerifier("test-secret-test-secret-test-secret")
	tok, _ := token.Issue("test-secret-test-secret-test-secret", 60, 3)
	for name, handle := range map[string]func(http.HandlerFunc) http.HandlerFunc{
		"Auth":         NewAuthMiddleware(verifier).Handle,
		"OptionalAuth": NewOptionalAuthMiddleware(verifier).Handle,
	} {
		called := false
		h := handle(func(w http.ResponseWriter, r *http.Request) { called = true })
		body := "token=" + tok + "&comment_text=" + strings.Repeat("x", 5<<20)
		r := request("/douyin/comment/action/", strings.NewReader(body), "application/x-www-form-urlencoded", true)
		w := httptest.NewRecorder()
		h(w, r)
		if reply := envelope(t, w); called || reply["status_code"] != float64(xerr.RequestTooLarge) {
			t.Errorf("%s: called=%v reply %v", name, called, reply)
		}
		// Within the limit, the body's token counts.
		called = false
		var seen int64
		h = handle(func(w http.ResponseWriter, r *http.Request) { called, seen = true, token.UserID(r.Context()) })
		h(httptest.NewRecorder(), request("/douyin/comment/action/", strings.NewReader("token="+tok), "application/x-www-form-urlencoded", true))
		if !called || seen != 3 {
			t.Errorf("%s: a small body: called=%v user %d", name, called, seen)
		}
	}
}

func TestUploadCapsTheFieldsInTotal(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := 0; i < 10; i++ { // each under the cap, together far over it
		_ = mw.WriteField("title", strings.Repeat("t", param.MaxFormBytes/4))
	}
	part, _ := mw.CreateFormFile("data", "clip.mp4")
	_, _ = part.Write([]byte("video"))
	_ = mw.Close()
	got, reply := serve(t, dir, request("/douyin/publish/action/?token="+tok, &b, mw.FormDataContentType(), true))
	if got.called || reply["status_code"] != float64(xerr.RequestTooLarge) || leftovers(t, dir) != 0 {
		t.Fatalf("fields over the cap: called=%v reply %v, %d files", got.called, reply, leftovers(t, dir))
	}
	// Many tiny parts are refused too.
	b.Reset()
	mw = multipart.NewWriter(&b)
	for i := 0; i < 1000; i++ {
		_ = mw.WriteField("x", "1")
	}
	_ = mw.Close()
	if got, reply := serve(t, dir, request("/douyin/publish/action/?token="+tok, &b, mw.FormDataContentType(), true)); got.called ||
		reply["status_code"] != float64(xerr.RequestTooLarge) {
		t.Fatalf("1000 parts: called=%v reply %v", got.called, reply)
	}
}
