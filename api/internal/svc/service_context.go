// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package svc

import (
	"douyin/api/internal/config"
	"douyin/api/internal/middleware"
	"douyin/rpc/social/social"
	"douyin/rpc/user/user"
	"douyin/rpc/video/video"

	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/zrpc"
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

	return &ServiceContext{
		Config:       c,
		Auth:         middleware.NewAuthMiddleware(c.Auth.AccessSecret).Handle,
		OptionalAuth: middleware.NewOptionalAuthMiddleware(c.Auth.AccessSecret).Handle,
		Upload:       middleware.NewUploadMiddleware(c.Media.MaxUploadBytes).Handle,
		UserRpc:      user.NewUser(zrpc.MustNewClient(c.UserRpc)),
		VideoRpc:     video.NewVideo(zrpc.MustNewClient(c.VideoRpc)),
		SocialRpc:    social.NewSocial(zrpc.MustNewClient(c.SocialRpc)),
		Media:        NewMedia(c.Media),
	}
}
