package mediastore

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stringx"

	"douyin/pkg/timeunit"
)

// A publish stores its files before the video service writes the row, so that a
// video is never visible without its files. A crash in between (or an answer
// lost on the way back) would leave files that no row names and nobody removes.
// So every publish first writes a claim naming its keys, and removes it once the
// video service has answered. A claim older than the sweep's age belongs to a
// publish that never finished: Sweep asks the video service which of those keys
// became videos, removes the files of the others, and drops the claims.
// Uploads still in the temporary folder are removed at the same age.
const (
	// clockSkew widens the lookup window: the row's time comes from the video
	// service's clock, the claim's from the gateway's.
	clockSkew      = 10 * time.Minute
	claimsPerQuery = 500
)

// Claim is a publish under way: the keys it stores files under.
type Claim struct {
	PlayKey  string `json:"play_key"`
	CoverKey string `json:"cover_key"`
	At       int64  `json:"at"` // epoch ms
	path     string
}

// Claim records that a publish is about to store files under these keys.
func (s *Store) Claim(playKey, coverKey string) (*Claim, error) {
	c := &Claim{PlayKey: playKey, CoverKey: coverKey, At: timeunit.NowMs(),
		path: filepath.Join(s.claimsDir, stringx.Randn(24)+".json")}
	b, _ := json.Marshal(c)
	if err := os.WriteFile(c.path, b, 0o644); err != nil {
		return nil, err
	}
	return c, nil
}

// Settle drops the claim of a publish whose row exists.
func (s *Store) Settle(c *Claim) {
	if err := os.Remove(c.path); err != nil && !os.IsNotExist(err) {
		logx.Errorf("drop publish claim: %v", err)
	}
}

// Discard removes the files of a publish that has no row, then its claim; it
// reports whether it did.
func (s *Store) Discard(c *Claim) bool {
	for _, key := range []string{c.PlayKey, c.CoverKey} {
		if err := s.Files.Remove(key); err != nil {
			logx.Errorf("remove %s: %v", key, err) // the claim stays: the next sweep retries
			return false
		}
	}
	s.Settle(c)
	return true
}

// PublishedKeysFunc answers which play keys belong to videos published between
// since and until (epoch ms): the video service's PublishedKeys.
type PublishedKeysFunc func(ctx context.Context, playKeys []string, since, until int64) ([]string, error)

// Sweep removes temporary uploads older than age, and settles the claims older
// than age: files no video names are removed. A claim whose lookup fails (or
// that ctx has no time left for) waits for the next sweep. It answers how many
// unfinished publishes it removed.
func (s *Store) Sweep(ctx context.Context, published PublishedKeysFunc, age time.Duration) (discarded int) {
	if err := s.Files.RemoveStaleTemp(age); err != nil {
		logx.Errorf("sweep stale uploads: %v", err)
	}
	stale := s.staleClaims(age)
	for len(stale) > 0 && ctx.Err() == nil {
		batch := stale[:min(claimsPerQuery, len(stale))]
		stale = stale[len(batch):]
		keys := make([]string, len(batch))
		since, until := batch[0].At, batch[0].At
		for i, c := range batch {
			keys[i] = c.PlayKey
			since, until = min(since, c.At), max(until, c.At)
		}
		// A row is written after its claim, within the publish's timeout.
		found, err := published(ctx, keys, since-clockSkew.Milliseconds(), until+age.Milliseconds()+clockSkew.Milliseconds())
		if err != nil {
			logx.Errorf("settle publish claims: %v", err)
			return discarded
		}
		isVideo := make(map[string]bool, len(found))
		for _, k := range found {
			isVideo[k] = true
		}
		for _, c := range batch {
			if isVideo[c.PlayKey] {
				s.Settle(c)
			} else if s.Discard(c) {
				discarded++
			}
		}
	}
	return discarded
}

// staleClaims reads the claims older than age; unreadable ones (a crash while
// writing, before any file was stored) are dropped.
func (s *Store) staleClaims(age time.Duration) []*Claim {
	entries, err := os.ReadDir(s.claimsDir)
	if err != nil {
		logx.Errorf("read publish claims: %v", err)
		return nil
	}
	var claims []*Claim
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < age {
			continue
		}
		path := filepath.Join(s.claimsDir, e.Name())
		c := &Claim{path: path}
		b, err := os.ReadFile(path)
		if err != nil || json.Unmarshal(b, c) != nil || c.PlayKey == "" {
			_ = os.Remove(path)
			continue
		}
		claims = append(claims, c)
	}
	return claims
}
