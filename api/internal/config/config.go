// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package config

import (
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/zrpc"

	"douyin/pkg/ratelimit"
)

type Config struct {
	rest.RestConf
	// Auth is go-zero's JWT section; the Auth middleware reads tokens from where
	// the app puts them (query, form, multipart, Bearer) and checks them with it.
	Auth struct {
		AccessSecret string
		AccessExpire int64 `json:",default=604800"` // seconds
	}
	UserRpc   zrpc.RpcClientConf
	VideoRpc  zrpc.RpcClientConf
	SocialRpc zrpc.RpcClientConf
	Media     MediaConf
	// LockRedis holds the lock that lets one gateway at a time sweep a shared
	// media folder; the gateway keeps nothing else in Redis.
	LockRedis redis.RedisConf
	// SlowRequest: requests slower than this are logged (redacted); the others
	// are not, so the access log stays off the hot path.
	SlowRequestMs   int64 `json:",default=500"`
	CommentMaxChars int   `json:",default=500"`
	MessageMaxChars int   `json:",default=1000"`
	// RpcMaxMsgBytes caps what the RPC clients send and receive: the services'
	// MaxMsgBytes.
	RpcMaxMsgBytes int `json:",default=8388608"`
	// LimitRedis counts the rate limits; every gateway replica must share it.
	LimitRedis redis.RedisConf
	RateLimits RateLimitsConf
}

// RateLimitsConf are the budgets of pkg/ratelimit (Quota per Seconds, 0: off).
// A refused request answers xerr.RateLimited with when to retry, and changes
// nothing.
type RateLimitsConf struct {
	// Failed logins per username and per client address (pkg/origin's rule):
	// past either, logins are refused unchecked until the period ends.
	LoginFailuresPerUser ratelimit.Rule
	LoginFailuresPerIP   ratelimit.Rule
	// Registration attempts per client address (each costs a bcrypt hash).
	RegistersPerIP ratelimit.Rule
	// Per user: comments posted, messages sent, follow actions (the like
	// budget is the social service's LikeBudget, counted by the like script).
	Comments ratelimit.Rule
	Messages ratelimit.Rule
	Follows  ratelimit.Rule
}

type MediaConf struct {
	// PublicBaseURL, when set, is how every client reaches this gateway (e.g.
	// https://douyin.example.com behind a CDN). Empty: media URLs are built from
	// each request's own scheme and host, so a phone on the LAN gets the LAN address.
	PublicBaseURL string `json:",optional"`
	// TrustedProxies are the CIDRs of reverse proxies whose X-Forwarded-Proto and
	// X-Forwarded-Host are believed; none by default.
	TrustedProxies []string `json:",optional"`
	// StorageDir holds uploaded videos and covers (local filesystem storage).
	StorageDir string `json:",default=.data/storage"`
	// MaxUploadBytes caps a published file, chunked bodies included.
	MaxUploadBytes int64  `json:",default=209715200"`
	FfprobePath    string `json:",default=ffprobe"`
	FfmpegPath     string `json:",default=ffmpeg"`
	// ToolRuns bounds the ffprobe/ffmpeg runs (checks, covers) under way at once.
	ToolRuns int `json:",default=4"`
}
