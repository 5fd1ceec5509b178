package svc

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"douyin/api/internal/config"
	"douyin/pkg/media"
	"douyin/pkg/response"
	"douyin/pkg/storage"
	"douyin/pkg/xerr"
)

// MediaPathPrefix is where the gateway serves stored files (play_url, cover_url, avatars).
const MediaPathPrefix = "/media/"

// Media builds the absolute URLs the phone fetches, serves the files behind them,
// and holds what publishing needs: the storage and the ffprobe/ffmpeg tools.
type Media struct {
	base      string
	claimsDir string
	Store     storage.Storage
	Tools     media.Tools
}

func NewMedia(c config.MediaConf) Media {
	store, err := storage.NewLocal(c.StorageDir)
	if err != nil {
		panic(err)
	}
	claims := filepath.Join(c.StorageDir, "claims")
	if err := os.MkdirAll(claims, 0o755); err != nil {
		panic(err)
	}
	return Media{
		base:      strings.TrimRight(c.PublicBaseURL, "/"),
		claimsDir: claims,
		Store:     store,
		Tools:     media.Tools{Ffprobe: c.FfprobePath, Ffmpeg: c.FfmpegPath},
	}
}

// URL is the absolute URL of key, or of fallback when key is empty.
func (m Media) URL(key, fallback string) string {
	if key == "" {
		key = fallback
	}
	return m.base + MediaPathPrefix + key
}

// ServeHTTP serves a stored file with its Content-Type and range requests.
func (m Media) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, MediaPathPrefix)
	f, err := m.Store.Open(key)
	if err != nil {
		response.Status(w, xerr.RouteNotFound, "No such media file")
		return
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, path.Base(key), f.ModTime(), f)
}
