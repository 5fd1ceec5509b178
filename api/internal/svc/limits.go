package svc

import (
	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/api/internal/config"
	"douyin/pkg/ratelimit"
)

// Limits are the gateway's rate limits (RateLimits in the etc file), counted in
// LimitRedis so that every replica shares them. Logins are keyed by username
// and by client address, registrations by client address, actions by user id
// (likes: the social service's LikeBudget).
type Limits struct {
	LoginUser, LoginIP, Register *ratelimit.Limit
	Comment, Message, Follow     *ratelimit.Limit
}

func newLimits(store *redis.Redis, c config.RateLimitsConf) Limits {
	return Limits{
		LoginUser: ratelimit.New(store, "login:user", "failed logins for this account", c.LoginFailuresPerUser),
		LoginIP:   ratelimit.New(store, "login:ip", "failed logins from your address", c.LoginFailuresPerIP),
		Register:  ratelimit.New(store, "register:ip", "registrations from your address", c.RegistersPerIP),
		Comment:   ratelimit.New(store, "comment", "comments", c.Comments),
		Message:   ratelimit.New(store, "message", "messages", c.Messages),
		Follow:    ratelimit.New(store, "follow", "follow actions", c.Follows),
	}
}
