// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package svc

import (
	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/zrpc"

	"douyin/api/internal/config"
	"douyin/api/internal/middleware"
	"douyin/pkg/token"
	"douyin/rpc/social/social"
	"douyin/rpc/user/user"
	"douyin/rpc/video/video"
)

type ServiceContext struct {
	Config       config.Config
	Auth         rest.Middleware
	OptionalAuth rest.Middleware
	Upload       rest.Middleware

	UserRpc   user.User
	VideoRpc  video.Video
	SocialRpc social.Social
	Media     Media
}

func NewServiceContext(c config.Config) *ServiceContext {
	// Passwords travel in these requests: keep them out of the client's error log.
	zrpc.DontLogClientContentForMethod("/user.User/Register")
	zrpc.DontLogClientContentForMethod("/user.User/Login")

	verifier := token.NewVerifier(c.Auth.AccessSecret)
	media := NewMedia(c.Media)
	videoRpc := video.NewVideo(zrpc.MustNewClient(c.VideoRpc))
	media.StartSweeper(RPCPublishedKeys(videoRpc))
	return &ServiceContext{
		Config:       c,
		Auth:         middleware.NewAuthMiddleware(verifier).Handle,
		OptionalAuth: middleware.NewOptionalAuthMiddleware(verifier).Handle,
		Upload:       middleware.NewUploadMiddleware(c.Media.MaxUploadBytes, media.Store.TempDir()).Handle,
		UserRpc:      user.NewUser(zrpc.MustNewClient(c.UserRpc)),
		VideoRpc:     videoRpc,
		SocialRpc:    social.NewSocial(zrpc.MustNewClient(c.SocialRpc)),
		Media:        media,
	}
}
