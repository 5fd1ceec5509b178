// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package config

import (
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
	// SlowRequest: requests slower than this are logged (redacted); the others
	// are not, so the access log stays off the hot path.
	SlowRequestMs   int64 `json:",default=500"`
	CommentMaxChars int   `json:",default=500"`
	MessageMaxChars int   `json:",default=1000"`
}

type MediaConf struct {
	// PublicBaseURL is how phones reach this gateway, e.g. http://192.168.1.20:8080.
	PublicBaseURL string `json:",default=http://127.0.0.1:8080"`
	// StorageDir holds uploaded videos and covers (local filesystem storage).
	StorageDir string `json:",default=.data/storage"`
	// MaxUploadBytes caps a published file, chunked bodies included.
	MaxUploadBytes int64  `json:",default=209715200"`
	FfprobePath    string `json:",default=ffprobe"`
	FfmpegPath     string `json:",default=ffmpeg"`
}
