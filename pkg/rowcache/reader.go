// Package rowcache reads many rows at once through go-zero's own row cache:
// the keys, the JSON format, the not-found placeholder and the expiry (with its
// jitter) of the generated FindOne, so that both readers share every entry.
package rowcache

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/mathx"
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlc"

	"douyin/pkg/cachemetrics"
	"douyin/pkg/ids"
)

const (
	// notFoundPlaceholder is what go-zero's cache stores for a missing row (its
	// own constant is unexported).
	notFoundPlaceholder = "*"
	// expiryDeviation is go-zero's jitter of cache expiries, ±5%, so entries
	// written together do not expire together (unexported there too).
	expiryDeviation = 0.05
	// go-zero's defaults, for options that do not set them.
	defaultExpiry         = 7 * 24 * time.Hour
	defaultNotFoundExpiry = time.Minute
)

// Stats counts the reader's lookups: go-zero's *cache.Stat is one (it logs a hit
// ratio every minute); cachemetrics.Stats adds the Prometheus counters.
type Stats interface {
	IncrementTotal()
	IncrementHit()
	IncrementMiss()
	IncrementDbFails()
}

// Reader reads rows of one table by primary key. It is safe for concurrent use.
type Reader[T any] struct {
	node      *redis.Redis // the (single) node of the row cache
	conn      sqlc.CachedConn
	table     string // quoted, as the generated model has it
	columns   string // the generated model's column list
	keyPrefix string // the generated model's primary-key cache prefix
	idOf      func(*T) int64
	opts      cache.Options
	unstable  mathx.Unstable
	stats     Stats
}

// New returns the reader of table over node, with the cache options the
// generated model of the table was given (cache.WithExpiry ...). stats nil
// gives go-zero's own stat, named after the table, plus the table's Prometheus
// counters (pkg/cachemetrics).
func New[T any](node *redis.Redis, conn sqlc.CachedConn, table, columns, keyPrefix string, idOf func(*T) int64,
	stats Stats, opts ...cache.Option) *Reader[T] {
	o := cache.Options{Expiry: defaultExpiry, NotFoundExpiry: defaultNotFoundExpiry}
	for _, opt := range opts {
		opt(&o)
	}
	if stats == nil {
		stats = cachemetrics.New(table)
	}
	return &Reader[T]{node: node, conn: conn, table: table, columns: columns, keyPrefix: keyPrefix, idOf: idOf,
		opts: o, unstable: mathx.NewUnstable(expiryDeviation), stats: stats}
}

// Key is the cache key of row id: the one key builder of the table.
func (r *Reader[T]) Key(id int64) string { return r.keyPrefix + strconv.FormatInt(id, 10) }

// Keys are the cache keys of ids, in their order.
func (r *Reader[T]) Keys(ids []int64) []string {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = r.Key(id)
	}
	return keys
}

// Find reads rows by primary key: one MGET for the whole page, one SELECT ... IN
// for the misses, then one pipelined SETNX. It never costs one round trip per
// row. Unknown ids are absent from the answer.
func (r *Reader[T]) Find(ctx context.Context, list []int64) (map[int64]*T, error) {
	list = ids.Unique(list)
	if len(list) == 0 {
		return map[int64]*T{}, nil
	}
	vals, err := r.node.MgetCtx(ctx, r.Keys(list)...)
	if err != nil {
		return nil, err
	}
	return r.fill(ctx, list, vals)
}

// Read is a Find split at its round trip, for callers that pipeline it with
// other commands: Queue adds the MGET, Result decodes it and loads the misses.
type Read[T any] struct {
	r    *Reader[T]
	ids  []int64
	vals func() ([]any, error)
}

// Queue adds the MGET of ids (positive, each once) to p.
func (r *Reader[T]) Queue(ctx context.Context, p redis.Pipeliner, list []int64) *Read[T] {
	read := &Read[T]{r: r, ids: list}
	if len(list) > 0 {
		read.vals = p.MGet(ctx, r.Keys(list)...).Result
	}
	return read
}

// Result answers the rows, loading the misses from MySQL.
func (rd *Read[T]) Result(ctx context.Context) (map[int64]*T, error) {
	if len(rd.ids) == 0 {
		return map[int64]*T{}, nil
	}
	vals, err := rd.vals()
	if err != nil && err != redis.Nil {
		return nil, err
	}
	texts := make([]string, len(vals))
	for i, v := range vals {
		texts[i], _ = v.(string) // "" for a missing key
	}
	return rd.r.fill(ctx, rd.ids, texts)
}

// fill decodes the cached values of ids ("" = not cached) and loads the rest.
func (r *Reader[T]) fill(ctx context.Context, list []int64, vals []string) (map[int64]*T, error) {
	memo := memoOf[T]()
	found := make(map[int64]*T, len(list))
	var missing []int64
	for i, val := range vals {
		r.stats.IncrementTotal()
		switch val {
		case "":
			r.stats.IncrementMiss()
			missing = append(missing, list[i])
		case notFoundPlaceholder:
			r.stats.IncrementHit()
		default:
			row, err := memo.decode(val)
			if err != nil {
				r.stats.IncrementMiss()
				missing = append(missing, list[i])
				continue
			}
			r.stats.IncrementHit()
			found[list[i]] = row
		}
	}
	if err := r.load(ctx, missing, found); err != nil {
		r.stats.IncrementDbFails()
		return nil, err
	}
	return found, nil
}

// load reads the missing rows from MySQL into found and caches them, and
// remembers unknown ids so they cannot send every read to MySQL.
func (r *Reader[T]) load(ctx context.Context, missing []int64, found map[int64]*T) error {
	if len(missing) == 0 {
		return nil
	}
	var loaded []*T
	query := fmt.Sprintf("select %s from %s where `id` in (%s)", r.columns, r.table, ids.Placeholders(len(missing)))
	if err := r.conn.QueryRowsNoCacheCtx(ctx, &loaded, query, ids.Args(missing)...); err != nil {
		return err
	}
	for _, row := range loaded {
		found[r.idOf(row)] = row
	}
	if err := r.node.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
		for _, id := range missing {
			row, ok := found[id]
			if !ok {
				p.SetNX(ctx, r.Key(id), notFoundPlaceholder, r.expiry(r.opts.NotFoundExpiry))
				continue
			}
			b, err := json.Marshal(row)
			if err != nil {
				return err
			}
			p.SetNX(ctx, r.Key(id), b, r.expiry(r.opts.Expiry))
		}
		return nil
	}); err != nil {
		logx.WithContext(ctx).Errorf("fill row cache of %s: %v", r.table, err)
	}
	return nil
}

// expiry is go-zero's: the configured one with its jitter, in whole seconds.
func (r *Reader[T]) expiry(d time.Duration) time.Duration {
	return time.Duration(math.Ceil(r.unstable.AroundDuration(d).Seconds())) * time.Second
}
