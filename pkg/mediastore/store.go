// Package mediastore keeps the gateway's media files through their life: it
// stores them under server-chosen keys (pkg/storage), records every publish
// under way in a claim so that a crash never leaves files that nobody removes,
// sweeps what unfinished publishes left (one gateway at a time, under a Redis
// lock), and serves the files at /media/ with range requests.
package mediastore

import (
	"os"
	"path/filepath"

	"douyin/pkg/storage"
)

// Store is the media folder of the gateway: the files and the claims.
type Store struct {
	Files     storage.Storage
	claimsDir string
}

// New opens the media folder dir, creating its sub-folders.
func New(dir string) (*Store, error) {
	files, err := storage.NewLocal(dir)
	if err != nil {
		return nil, err
	}
	claims := filepath.Join(dir, "claims")
	if err := os.MkdirAll(claims, 0o755); err != nil {
		return nil, err
	}
	return &Store{Files: files, claimsDir: claims}, nil
}

// MustNew is New that panics, for a process's start.
func MustNew(dir string) *Store {
	s, err := New(dir)
	if err != nil {
		panic(err)
	}
	return s
}
