// Package redisx builds the process's Redis clients: go-zero's, with a hook
// that keeps a harmless refusal away from its circuit breaker and one that
// keeps script arguments out of its slow-command log.
package redisx

import (
	"context"
	"strings"

	red "github.com/redis/go-redis/v9"
	"github.com/zeromicro/go-zero/core/stores/redis"
)

// MustNewRedis connects like redis.MustNewRedis, with setInfoHook and
// scriptArgsHook (inner hooks: go-zero's own run around them). go-zero shares
// one client per address in a process and builds it on first use with the hooks
// of whoever uses it first, so the ping makes this client the shared one before
// go-zero's own row cache opens the same address.
func MustNewRedis(conf redis.RedisConf) *redis.Redis {
	rds := redis.MustNewRedis(conf, redis.WithHook(setInfoHook{}), redis.WithHook(scriptArgsHook{}))
	rds.Ping()
	return rds
}

// setInfoHook keeps Redis < 7.2's refusal of CLIENT SETINFO (which go-redis sends
// on every new connection, and ignores) away from go-zero's circuit breaker: it
// counts every refusal as a failure, and a burst of new connections under load
// opened it. Debian 12 ships Redis 7.0.
type setInfoHook struct{}

func (setInfoHook) DialHook(next red.DialHook) red.DialHook          { return next }
func (setInfoHook) ProcessHook(next red.ProcessHook) red.ProcessHook { return next }

func (setInfoHook) ProcessPipelineHook(next red.ProcessPipelineHook) red.ProcessPipelineHook {
	return func(ctx context.Context, cmds []red.Cmder) error {
		err := next(ctx, cmds)
		if err != nil && onlySetInfo(cmds) {
			return nil
		}
		return err
	}
}

func onlySetInfo(cmds []red.Cmder) bool {
	for _, cmd := range cmds {
		args := cmd.Args()
		if len(args) < 2 || cmd.Name() != "client" || !strings.EqualFold(args[1].(string), "setinfo") {
			return false
		}
	}
	return len(cmds) > 0
}
