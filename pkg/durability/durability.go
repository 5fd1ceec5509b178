// Package durability tells whether a Redis keeps what it acknowledged. DataRedis
// holds likes that MySQL does not have yet and the Asynq queues: a Redis that
// keeps nothing on disk loses them on restart, one that evicts keys loses them
// under memory pressure.
package durability

import (
	"context"
	"fmt"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// Mode is how a Redis keeps what it acknowledged: its CONFIG values.
type Mode struct {
	AppendOnly      string // appendonly: yes or no
	AppendFsync     string // appendfsync: always, everysec or no
	MaxmemoryPolicy string // maxmemory-policy: noeviction, allkeys-lru, ...
}

// Durable tells whether a Redis in this mode keeps every acknowledged write
// across a restart (to about a second with everysec) and never evicts one.
func (m Mode) Durable() bool { return m.AppendOnly == "yes" && m.MaxmemoryPolicy == "noeviction" }

// ReadMode reads the mode of rds (CONFIG GET).
func ReadMode(ctx context.Context, rds *redis.Redis) (Mode, error) {
	var m Mode
	for _, p := range []struct {
		name  string
		value *string
	}{{"appendonly", &m.AppendOnly}, {"appendfsync", &m.AppendFsync}, {"maxmemory-policy", &m.MaxmemoryPolicy}} {
		v, err := configGet(ctx, rds, p.name)
		if err != nil {
			return Mode{}, fmt.Errorf("CONFIG GET %s: %w", p.name, err)
		}
		*p.value = v
	}
	return m, nil
}

// RequireDurableRedis answers nil when rds persists every write (appendonly yes)
// and never evicts keys (maxmemory-policy noeviction), or when allowVolatile says
// that losing them is fine (a throwaway test Redis). Otherwise the error names
// the setting found and the fix. A process calls it at start for its DataRedis.
func RequireDurableRedis(ctx context.Context, rds *redis.Redis, name string, allowVolatile bool) error {
	if allowVolatile {
		return nil
	}
	m, err := ReadMode(ctx, rds)
	if err != nil {
		return fmt.Errorf("%s: cannot read its persistence (%v): if this Redis persists writes and never "+
			"evicts keys, allow it explicitly (REDIS_ALLOW_VOLATILE=true)", name, err)
	}
	if !m.Durable() {
		return fmt.Errorf("%s keeps acknowledged likes and the Asynq queues, but this Redis has appendonly %s and "+
			"maxmemory-policy %s: a restart or an eviction would lose them. Use one with appendonly yes and "+
			"maxmemory-policy noeviction (make up starts its own when the one it finds is volatile), or accept "+
			"the loss explicitly with REDIS_ALLOW_VOLATILE=true", name, m.AppendOnly, m.MaxmemoryPolicy)
	}
	return nil
}

// configGet answers the value of one CONFIG GET parameter, in RESP2 (a flat
// list) or RESP3 (a map).
func configGet(ctx context.Context, rds *redis.Redis, param string) (string, error) {
	reply, err := rds.DoCtx(ctx, "CONFIG", "GET", param)
	if err != nil {
		return "", err
	}
	switch r := reply.(type) {
	case []any:
		if len(r) == 2 {
			return fmt.Sprint(r[1]), nil
		}
	case map[any]any:
		if v, ok := r[param]; ok {
			return fmt.Sprint(v), nil
		}
	case map[string]any:
		if v, ok := r[param]; ok {
			return fmt.Sprint(v), nil
		}
	}
	return "", fmt.Errorf("unexpected CONFIG GET %s reply %v", param, reply)
}
