// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package config

import (
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/zrpc"
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
}
