package mediastore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"douyin/pkg/storage"
)

func testStore(t *testing.T) *Store {
	t.Helper()
	return MustNew(t.TempDir())
}

// publishFiles stores a video and a cover under a claim, as publish does.
func publishFiles(t *testing.T, s *Store) *Claim {
	t.Helper()
	play, cover := storage.NewKey("videos", "mp4"), storage.NewKey("covers", "jpg")
	c, err := s.Claim(play, cover)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{play, cover} {
		src := filepath.Join(s.TempDir(), "upload")
		if err := os.WriteFile(src, []byte(key), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.Files.Put(src, key); err != nil {
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

func exists(s *Store, key string) bool {
	f, err := s.Files.Open(key)
	if err == nil {
		f.Close()
	}
	return err == nil
}

func TestSweepSettlesClaimsOfUnfinishedPublishes(t *testing.T) {
	s := testStore(t)
	ctx := context.Background()
	published := publishFiles(t, s) // its row exists
	orphan := publishFiles(t, s)    // it crashed before its row
	young := publishFiles(t, s)     // still under way
	age(t, published.path, 2*time.Hour)
	age(t, orphan.path, 2*time.Hour)
	staleUpload := filepath.Join(s.TempDir(), "upload-stale")
	freshUpload := filepath.Join(s.TempDir(), "upload-fresh")
	_ = os.WriteFile(staleUpload, []byte("x"), 0o644)
	_ = os.WriteFile(freshUpload, []byte("x"), 0o644)
	age(t, staleUpload, 2*time.Hour)

	// The video service cannot answer: nothing is removed.
	s.Sweep(ctx, func(context.Context, []string, int64, int64) ([]string, error) {
		return nil, errors.New("video service down")
	}, time.Hour)
	if !exists(s, orphan.PlayKey) || !fileExists(orphan.path) {
		t.Fatal("a claim was settled without an answer")
	}

	var asked []string
	discarded := s.Sweep(ctx, func(_ context.Context, keys []string, since, until int64) ([]string, error) {
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
	if discarded != 1 {
		t.Fatalf("%d unfinished publishes removed, want 1", discarded)
	}
	if !exists(s, published.PlayKey) || !exists(s, published.CoverKey) {
		t.Fatal("the files of a published video were removed")
	}
	if exists(s, orphan.PlayKey) || exists(s, orphan.CoverKey) {
		t.Fatal("the files of an unfinished publish were kept")
	}
	if !exists(s, young.PlayKey) || !fileExists(young.path) {
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
