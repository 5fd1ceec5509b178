package svc

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"douyin/api/internal/config"
	"douyin/pkg/storage"
)

func testMedia(t *testing.T) (Media, string) {
	t.Helper()
	dir := t.TempDir()
	return NewMedia(config.MediaConf{PublicBaseURL: "http://phone.example:8080/", StorageDir: dir}), dir
}

// publishFiles stores a video and a cover under a claim, as publish does.
func publishFiles(t *testing.T, m Media) *Claim {
	t.Helper()
	play, cover := storage.NewKey("videos", "mp4"), storage.NewKey("covers", "jpg")
	c, err := m.Claim(play, cover)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{play, cover} {
		src := filepath.Join(m.Store.TempDir(), "upload")
		if err := os.WriteFile(src, []byte(key), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := m.Store.Put(src, key); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func age(t *testing.T, path string, d time.Duration) {
	t.Helper()
	old := time.Now().Add(-d)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func exists(m Media, key string) bool {
	f, err := m.Store.Open(key)
	if err == nil {
		f.Close()
	}
	return err == nil
}

func TestSweepSettlesClaimsOfUnfinishedPublishes(t *testing.T) {
	m, _ := testMedia(t)
	ctx := context.Background()
	published := publishFiles(t, m) // its row exists
	orphan := publishFiles(t, m)    // it crashed before its row
	young := publishFiles(t, m)     // still under way
	age(t, published.path, 2*time.Hour)
	age(t, orphan.path, 2*time.Hour)
	staleUpload := filepath.Join(m.Store.TempDir(), "upload-stale")
	freshUpload := filepath.Join(m.Store.TempDir(), "upload-fresh")
	_ = os.WriteFile(staleUpload, []byte("x"), 0o644)
	_ = os.WriteFile(freshUpload, []byte("x"), 0o644)
	age(t, staleUpload, 2*time.Hour)

	// The video service cannot answer: nothing is removed.
	m.Sweep(ctx, func(context.Context, []string, int64, int64) ([]string, error) {
		return nil, errors.New("video service down")
	}, time.Hour)
	if !exists(m, orphan.PlayKey) || !fileExists(orphan.path) {
		t.Fatal("a claim was settled without an answer")
	}

	var asked []string
	m.Sweep(ctx, func(_ context.Context, keys []string, since, until int64) ([]string, error) {
		asked = keys
		if since > published.At || until < published.At {
			t.Errorf("the window [%d, %d] misses the claim at %d", since, until, published.At)
		}
		return []string{published.PlayKey}, nil
	}, time.Hour)
	slices.Sort(asked)
	want := []string{published.PlayKey, orphan.PlayKey}
	slices.Sort(want)
	if !slices.Equal(asked, want) {
		t.Fatalf("asked about %v, want the stale claims %v", asked, want)
	}
	if !exists(m, published.PlayKey) || !exists(m, published.CoverKey) {
		t.Fatal("the files of a published video were removed")
	}
	if exists(m, orphan.PlayKey) || exists(m, orphan.CoverKey) {
		t.Fatal("the files of an unfinished publish were kept")
	}
	if !exists(m, young.PlayKey) || !fileExists(young.path) {
		t.Fatal("a publish under way was swept")
	}
	if fileExists(published.path) || fileExists(orphan.path) {
		t.Fatal("settled claims were kept")
	}
	if fileExists(staleUpload) || !fileExists(freshUpload) {
		t.Fatal("temporary uploads: the stale one must go, the fresh one stay")
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func TestMediaURLsAndServing(t *testing.T) {
	m, _ := testMedia(t)
	if got := m.URL("videos/a.mp4", storage.DefaultCover); got != "http://phone.example:8080/media/videos/a.mp4" {
		t.Fatalf("URL: %s", got)
	}
	if got := m.URL("", storage.DefaultCover); got != "http://phone.example:8080/media/"+storage.DefaultCover {
		t.Fatalf("fallback URL: %s", got)
	}
}
