// Package ratelimit holds the gateway's budgets: how many requests (or failed
// logins) a user, a client address or a username may spend in a period. It
// counts with go-zero's PeriodLimit in Redis, so every gateway replica shares
// the counts, and answers a refusal that says when to retry.
package ratelimit

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/zeromicro/go-zero/core/limit"
	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/xerr"
)

// Rule is one budget: Quota per Seconds, counted from the first request of a
// period (the counter expires Seconds after it). Quota 0 turns it off.
type Rule struct {
	Quota   int `json:",optional"`
	Seconds int `json:",default=60"`
}

// Limit counts one kind of request (what, as the refusal names it) under
// keys of its own.
type Limit struct {
	what   string
	rule   Rule
	prefix string
	store  *redis.Redis
	period *limit.PeriodLimit
}

// KeyPrefix starts every key of the limits in Redis.
const KeyPrefix = "ratelimit:"

// New returns the limit of rule for name (a key part: "login:user") whose
// refusals speak of what ("failed logins").
func New(store *redis.Redis, name, what string, rule Rule) *Limit {
	if rule.Seconds <= 0 {
		rule.Seconds = 60
	}
	prefix := KeyPrefix + name + ":"
	return &Limit{what: what, rule: rule, prefix: prefix, store: store,
		period: limit.NewPeriodLimit(rule.Seconds, rule.Quota, store, prefix)}
}

// Take spends one request of key's budget, or refuses it (xerr.RateLimited)
// when the budget is spent: then the request must change nothing. A Redis
// failure lets the request through (logged): an action's own store answers
// for itself, and a limit must not turn a Redis hiccup into an outage.
func (l *Limit) Take(ctx context.Context, key string) error {
	if l.rule.Quota <= 0 {
		return nil
	}
	state, err := l.period.TakeCtx(ctx, key)
	if err != nil {
		logx.WithContext(ctx).Errorf("rate limit %s: %v (let through)", l.prefix, err)
		return nil
	}
	if state == limit.OverQuota {
		return l.refusal(ctx, key)
	}
	return nil
}

// Check refuses key when its budget is spent, without spending any; with
// Fail it counts failures only (failed logins). It fails closed: when Redis
// cannot answer, the request is refused as busy.
func (l *Limit) Check(ctx context.Context, key string) error {
	if l.rule.Quota <= 0 {
		return nil
	}
	n, err := l.store.GetCtx(ctx, l.prefix+key)
	if err != nil {
		logx.WithContext(ctx).Errorf("rate limit %s: %v", l.prefix, err)
		return xerr.New(xerr.ServiceBusy)
	}
	spent := 0
	if n != "" {
		if spent, err = strconv.Atoi(n); err != nil {
			return fmt.Errorf("rate limit %s: count %q: %w", l.prefix, n, err)
		}
	}
	if spent >= l.rule.Quota {
		return l.refusal(ctx, key)
	}
	return nil
}

// Fail spends one of key's budget after the fact (a failed login), whatever
// the budget left.
func (l *Limit) Fail(ctx context.Context, key string) {
	if l.rule.Quota <= 0 {
		return
	}
	if _, err := l.period.TakeCtx(ctx, key); err != nil {
		logx.WithContext(ctx).Errorf("rate limit %s: %v", l.prefix, err)
	}
}

// refusal says when key's period ends (the counter's time to live).
func (l *Limit) refusal(ctx context.Context, key string) error {
	left := time.Duration(l.rule.Seconds) * time.Second
	switch ttl, err := l.store.TtlCtx(ctx, l.prefix+key); {
	case err != nil:
		logx.WithContext(ctx).Errorf("rate limit %s: ttl: %v", l.prefix, err)
	case ttl >= 0:
		left = time.Duration(ttl) * time.Second
	case ttl == -2: // expired meanwhile
		left = time.Second
	}
	return Refusal(l.what, left)
}

// Refusal is the answer to a request over a budget of what ("likes") whose
// period ends in left.
func Refusal(what string, left time.Duration) error {
	return xerr.Newf(xerr.RateLimited, "Too many %s, please try again in %s", what, inWords(left))
}

// inWords is a wait as a person says it: "1 second", "42 seconds", "15 minutes".
func inWords(d time.Duration) string {
	if d < time.Second {
		d = time.Second
	}
	n, unit := int((d+time.Second-1)/time.Second), "second"
	if n > 90 {
		n, unit = int((d+time.Minute-1)/time.Minute), "minute"
	}
	if n != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%d %s", n, unit)
}
