package mediastore

import (
	"context"
	"net/http"
	"path"
	"strings"

	"douyin/pkg/origin"
	"douyin/pkg/response"
	"douyin/pkg/xerr"
)

// PathPrefix is where the gateway serves stored files (play_url, cover_url, avatars).
const PathPrefix = "/media/"

// Links builds the absolute URLs of stored files as one client reaches them.
type Links struct{ base string }

// LinksAt is the Links of a client that reaches the gateway at baseURL
// (scheme://host, see pkg/origin).
func LinksAt(baseURL string) Links { return Links{base: strings.TrimRight(baseURL, "/")} }

// LinksFor is the Links of the client of the request that ctx belongs to.
func LinksFor(ctx context.Context) Links { return LinksAt(origin.FromContext(ctx)) }

// URL is the absolute URL of key, or of fallback when key is empty.
func (l Links) URL(key, fallback string) string {
	if key == "" {
		key = fallback
	}
	return l.base + PathPrefix + key
}

// Handler serves stored files under PathPrefix (GET and HEAD) and hands every
// other request to next: it is the server's not-found handler.
func (s *Store) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, PathPrefix) || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		key := strings.TrimPrefix(r.URL.Path, PathPrefix)
		f, err := s.Files.Open(key)
		if err != nil {
			response.Status(w, xerr.RouteNotFound, "No such media file")
			return
		}
		defer f.Close()
		w.Header().Set("Cache-Control", "public, max-age=86400")
		http.ServeContent(w, r, path.Base(key), f.ModTime(), f)
	})
}

// TempDir is where uploads are written before they are accepted.
func (s *Store) TempDir() string { return s.Files.TempDir() }
