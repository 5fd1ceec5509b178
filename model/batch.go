package model

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlc"
)

// rowCacheExpiry bounds how long a row cached by the generated models may live.
// Counter columns change often, so a cache entry left stale by the cache-aside
// race (a slow reader writing an old row back after the writer's DEL) heals soon.
const rowCacheExpiry = time.Hour

// notFoundPlaceholder is what go-zero's cache stores for a missing row, for as
// long as its own not-found entries live.
const (
	notFoundPlaceholder = "*"
	notFoundExpiry      = time.Minute
)

// findManyByID reads rows by primary key through the very cache keys that the
// generated FindOne uses: one MGET for the whole page, one SELECT ... IN for the
// misses, then one pipelined SETEX. It never costs one round trip per row.
func findManyByID[T any](ctx context.Context, rds *redis.Redis, conn sqlc.CachedConn, table, rows, keyPrefix string,
	ids []int64, idOf func(*T) int64) (map[int64]*T, error) {
	ids = uniquePositive(ids)
	if len(ids) == 0 {
		return map[int64]*T{}, nil
	}
	vals, err := rds.MgetCtx(ctx, rowKeys(keyPrefix, ids)...)
	if err != nil {
		return nil, err
	}
	found, missing := decodeRows[T](ids, vals)
	if err := loadRows(ctx, rds, conn, table, rows, keyPrefix, missing, idOf, found); err != nil {
		return nil, err
	}
	return found, nil
}

func rowKeys(keyPrefix string, ids []int64) []string {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = keyPrefix + strconv.FormatInt(id, 10)
	}
	return keys
}

// decodeRows parses the cached values of ids ("" = not cached).
func decodeRows[T any](ids []int64, vals []string) (found map[int64]*T, missing []int64) {
	memo := memoOf[T]()
	found = make(map[int64]*T, len(ids))
	for i, val := range vals {
		switch val {
		case "":
			missing = append(missing, ids[i])
		case notFoundPlaceholder:
		default:
			row, err := memo.decode(val)
			if err != nil {
				missing = append(missing, ids[i])
				continue
			}
			found[ids[i]] = row
		}
	}
	return found, missing
}

// decodeMemo remembers the decoding of recent cached rows by their exact text:
// pages read the same rows again and again, and decoding JSON cost more than the
// rest of a page read. The row still comes from Redis every time, so a changed
// row is a different text and is decoded anew: the memo is never stale.
//
// It keeps two generations of at most decodeMemoSize rows each: a hit in the old
// one moves the row to the new one, and a full new one replaces the old. Hits
// are lock-free reads, which mattered more than exact LRU order: a page of 50
// users looks up 50 rows.
type decodeMemo[T any] struct {
	current, previous atomic.Pointer[memoGeneration]
	rotating          sync.Mutex
}

type memoGeneration struct {
	rows sync.Map // row text -> *T
	size atomic.Int64
}

const decodeMemoSize = 50_000

var decodeMemos sync.Map // reflect.Type -> any (*decodeMemo[T])

func memoOf[T any]() *decodeMemo[T] {
	t := reflect.TypeFor[T]()
	if m, ok := decodeMemos.Load(t); ok {
		return m.(*decodeMemo[T])
	}
	fresh := &decodeMemo[T]{}
	fresh.current.Store(&memoGeneration{})
	fresh.previous.Store(&memoGeneration{})
	m, _ := decodeMemos.LoadOrStore(t, fresh)
	return m.(*decodeMemo[T])
}

// decode answers a fresh copy, so callers may change it.
func (m *decodeMemo[T]) decode(text string) (*T, error) {
	if hit, ok := m.current.Load().rows.Load(text); ok {
		row := *hit.(*T)
		return &row, nil
	}
	if hit, ok := m.previous.Load().rows.Load(text); ok {
		m.keep(text, hit.(*T))
		row := *hit.(*T)
		return &row, nil
	}
	var row T
	if err := json.Unmarshal([]byte(text), &row); err != nil {
		return nil, err
	}
	kept := row
	m.keep(text, &kept)
	return &row, nil
}

func (m *decodeMemo[T]) keep(text string, row *T) {
	gen := m.current.Load()
	gen.rows.Store(text, row)
	if gen.size.Add(1) < decodeMemoSize {
		return
	}
	m.rotating.Lock()
	defer m.rotating.Unlock()
	if m.current.Load() == gen { // not rotated by another caller meanwhile
		m.previous.Store(gen)
		m.current.Store(&memoGeneration{})
	}
}

// loadRows reads the missing rows from MySQL into found and caches them, and
// remembers unknown ids so they cannot send every read to MySQL.
func loadRows[T any](ctx context.Context, rds *redis.Redis, conn sqlc.CachedConn, table, rows, keyPrefix string,
	missing []int64, idOf func(*T) int64, found map[int64]*T) error {
	if len(missing) == 0 {
		return nil
	}
	var loaded []*T
	query := fmt.Sprintf("select %s from %s where `id` in (%s)", rows, table, placeholders(len(missing)))
	if err := conn.QueryRowsNoCacheCtx(ctx, &loaded, query, int64Args(missing)...); err != nil {
		return err
	}
	for _, row := range loaded {
		found[idOf(row)] = row
	}
	if err := rds.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
		for _, id := range missing {
			key := fmt.Sprintf("%s%d", keyPrefix, id)
			row, ok := found[id]
			if !ok {
				p.SetNX(ctx, key, notFoundPlaceholder, notFoundExpiry)
				continue
			}
			b, err := json.Marshal(row)
			if err != nil {
				return err
			}
			p.SetNX(ctx, key, b, rowCacheExpiry)
		}
		return nil
	}); err != nil {
		logx.WithContext(ctx).Errorf("fill row cache of %s: %v", table, err)
	}
	return nil
}

// delCacheAgain deletes keys once more a little after a write: a reader that
// loaded the old row before the write's commit and stored it after the write's
// DEL would otherwise keep serving it until the entry expires.
func delCacheAgain(conn sqlc.CachedConn, keys ...string) {
	time.AfterFunc(time.Second, func() {
		if err := conn.DelCacheCtx(context.Background(), keys...); err != nil {
			logx.Errorf("delayed cache delete %v: %v", keys, err)
		}
	})
}

func uniquePositive(ids []int64) []int64 {
	seen := make(map[int64]struct{}, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if _, dup := seen[id]; id > 0 && !dup {
			seen[id] = struct{}{}
			out = append(out, id)
		}
	}
	return out
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}
