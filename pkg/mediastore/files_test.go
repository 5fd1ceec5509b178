package mediastore

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"douyin/pkg/storage"
)

func TestMediaURLsAndServing(t *testing.T) {
	links := LinksAt("http://phone.example:8080/")
	if got := links.URL("videos/a.mp4", storage.DefaultCover); got != "http://phone.example:8080/media/videos/a.mp4" {
		t.Fatalf("URL: %s", got)
	}
	if got := links.URL("", storage.DefaultCover); got != "http://phone.example:8080/media/"+storage.DefaultCover {
		t.Fatalf("fallback URL: %s", got)
	}

	s := testStore(t)
	key := storage.NewKey("videos", "mp4")
	src := filepath.Join(s.TempDir(), "upload")
	_ = os.WriteFile(src, []byte("0123456789"), 0o644)
	if err := s.Files.Put(src, key); err != nil {
		t.Fatal(err)
	}
	notFound := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	h := s.Handler(notFound)
	get := func(method, path, rangeHeader string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(method, path, nil)
		if rangeHeader != "" {
			r.Header.Set("Range", rangeHeader)
		}
		h.ServeHTTP(w, r)
		return w
	}
	if w := get(http.MethodGet, PathPrefix+key, "bytes=2-4"); w.Code != http.StatusPartialContent || w.Body.String() != "234" ||
		w.Header().Get("Content-Type") != "video/mp4" {
		t.Fatalf("range: HTTP %d %q %q", w.Code, w.Body.String(), w.Header().Get("Content-Type"))
	}
	if w := get(http.MethodGet, PathPrefix+"videos/missing.mp4", ""); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"status_code":10003`) {
		t.Fatalf("missing file: HTTP %d %s", w.Code, w.Body.String())
	}
	for _, c := range []struct{ method, path string }{{http.MethodPost, PathPrefix + key}, {http.MethodGet, "/douyin/nowhere/"}} {
		if w := get(c.method, c.path, ""); w.Code != http.StatusTeapot {
			t.Errorf("%s %s did not reach the next handler: HTTP %d", c.method, c.path, w.Code)
		}
	}
	w := get(http.MethodGet, PathPrefix+key, "")
	if b, _ := io.ReadAll(w.Body); string(b) != "0123456789" {
		t.Fatalf("whole file: %q", b)
	}
}
