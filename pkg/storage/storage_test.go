package storage

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLocalPutOpenRemove(t *testing.T) {
	l, err := NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	key := NewKey("videos", "mp4")
	src := filepath.Join(l.TempDir(), "upload")
	_ = os.WriteFile(src, []byte("0123456789"), 0o644)
	if err := l.Put(src, key); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(src); !os.IsNotExist(err) {
		t.Fatal("Put copied instead of moving")
	}
	f, err := l.Open(key)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.Seek(3, io.SeekStart)
	b, _ := io.ReadAll(f)
	f.Close()
	if string(b) != "3456789" {
		t.Fatalf("read %q", b)
	}
	if err := l.Remove(key); err != nil || l.Remove(key) != nil {
		t.Fatalf("remove (twice): %v", err)
	}
	if _, err := l.Open(key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removed key: %v", err)
	}
}

func TestLocalRefusesKeysItDidNotChoose(t *testing.T) {
	dir := t.TempDir()
	l, _ := NewLocal(dir)
	_ = os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("x"), 0o644)
	for _, key := range []string{"../secret.txt", "secret.txt", "videos/../../secret.txt", "tmp/upload-1", "videos/a b.mp4", ""} {
		if _, err := l.Open(key); !errors.Is(err, ErrNotFound) {
			t.Errorf("Open(%q): %v", key, err)
		}
		if err := l.Put(filepath.Join(dir, "secret.txt"), key); err == nil {
			t.Errorf("Put(%q) accepted", key)
		}
	}
	for _, key := range []string{DefaultAvatar, DefaultBackground, DefaultCover} {
		f, err := l.Open(key)
		if err != nil {
			t.Fatalf("default %s: %v", key, err)
		}
		b, _ := io.ReadAll(f)
		f.Close()
		if len(b) < 8 || string(b[1:4]) != "PNG" {
			t.Errorf("default %s is not a PNG", key)
		}
	}
}

func TestRemoveStaleTempKeepsFreshUploads(t *testing.T) {
	l, _ := NewLocal(t.TempDir())
	stale, fresh := filepath.Join(l.TempDir(), "stale"), filepath.Join(l.TempDir(), "fresh")
	_ = os.WriteFile(stale, nil, 0o644)
	_ = os.WriteFile(fresh, nil, 0o644)
	old := time.Now().Add(-2 * time.Hour)
	_ = os.Chtimes(stale, old, old)
	if err := l.RemoveStaleTemp(time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatal("stale upload kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Fatal("fresh upload removed")
	}
}
