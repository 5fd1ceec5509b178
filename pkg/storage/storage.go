// Package storage keeps media files (videos, covers) under server-chosen keys
// such as "videos/3f2a.mp4". Keys never come from clients.
package storage

import (
	"bytes"
	"embed"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/zeromicro/go-zero/core/stringx"
)

// Default images served under DefaultPrefix for users without an avatar or a
// background and for videos whose cover is not ready.
const (
	DefaultPrefix     = "default/"
	DefaultAvatar     = DefaultPrefix + "avatar.png"
	DefaultBackground = DefaultPrefix + "background.png"
	DefaultCover      = DefaultPrefix + "cover.png"
)

//go:embed defaults/*.png
var defaults embed.FS

var ErrNotFound = errors.New("media not found")

// validKey is the only shape a stored key has: one folder, one generated name.
var validKey = regexp.MustCompile(`^(videos|covers|avatars)/[A-Za-z0-9_-]{1,64}\.(mp4|jpg|png)$`)

// File is an opened media file.
type File interface {
	io.ReadSeekCloser
	ModTime() time.Time
}

// Storage is where media files live; Local is the default.
type Storage interface {
	// Open opens the file of key (or a default image).
	Open(key string) (File, error)
	// Put moves the finished local file src to key.
	Put(src, key string) error
	// Remove deletes key; a missing key is not an error.
	Remove(key string) error
	// TempDir is where uploads are written before they are accepted.
	TempDir() string
	// RemoveStaleTemp deletes temporary files older than age (crash leftovers).
	RemoveStaleTemp(age time.Duration) error
}

// Local stores files in a folder of the local filesystem.
type Local struct{ dir string }

// NewLocal returns a Local storage rooted at dir, creating its folders.
func NewLocal(dir string) (*Local, error) {
	for _, sub := range []string{"videos", "covers", "avatars", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, err
		}
	}
	return &Local{dir: dir}, nil
}

func (l *Local) TempDir() string { return filepath.Join(l.dir, "tmp") }

func (l *Local) RemoveStaleTemp(age time.Duration) error {
	entries, err := os.ReadDir(l.TempDir())
	if err != nil {
		return err
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			_ = os.Remove(filepath.Join(l.TempDir(), e.Name()))
		}
	}
	return nil
}

// NewKey is a fresh server-chosen key in folder ("videos", "covers") with ext.
func NewKey(folder, ext string) string {
	return folder + "/" + stringx.Randn(24) + "." + ext
}

// DerivedKey is the key of a file made from the stored file key (a playback
// rendition, a better cover) in folder with ext: always the same for the same
// key, so that a job run twice writes the same file, and unguessable as key is.
func DerivedKey(key, folder, ext string) string {
	base := path.Base(key)
	return folder + "/" + strings.TrimSuffix(base, path.Ext(base)) + DerivedSuffix + "." + ext
}

// DerivedSuffix ends the name of every derived file (before its extension).
const DerivedSuffix = "_r"

// Path is the local file of key.
func (l *Local) Path(key string) (string, error) {
	if !validKey.MatchString(key) {
		return "", ErrNotFound
	}
	return filepath.Join(l.dir, key), nil
}

// Dir is the storage folder.
func (l *Local) Dir() string { return l.dir }

func (l *Local) Open(key string) (File, error) {
	if len(key) > len(DefaultPrefix) && key[:len(DefaultPrefix)] == DefaultPrefix {
		return openDefault(key)
	}
	if !validKey.MatchString(key) {
		return nil, ErrNotFound
	}
	f, err := os.Open(filepath.Join(l.dir, key))
	if err != nil {
		return nil, ErrNotFound
	}
	return osFile{f}, nil
}

func (l *Local) Put(src, key string) error {
	if !validKey.MatchString(key) {
		return errors.New("invalid storage key " + key)
	}
	return os.Rename(src, filepath.Join(l.dir, key))
}

func (l *Local) Remove(key string) error {
	if !validKey.MatchString(key) {
		return nil
	}
	if err := os.Remove(filepath.Join(l.dir, key)); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

type osFile struct{ *os.File }

func (f osFile) ModTime() time.Time {
	if st, err := f.Stat(); err == nil {
		return st.ModTime()
	}
	return time.Time{}
}

type embeddedFile struct {
	io.ReadSeeker
}

func (embeddedFile) Close() error       { return nil }
func (embeddedFile) ModTime() time.Time { return time.Time{} }

func openDefault(key string) (File, error) {
	b, err := defaults.ReadFile("defaults/" + key[len(DefaultPrefix):])
	if err != nil {
		return nil, ErrNotFound
	}
	return embeddedFile{bytes.NewReader(b)}, nil
}
