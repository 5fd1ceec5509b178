// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package svc

import (
	"context"

	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/zrpc"
	"google.golang.org/grpc"

	"douyin/api/internal/config"
	"douyin/api/internal/middleware"
	"douyin/pkg/media"
	"douyin/pkg/mediastore"
	"douyin/pkg/origin"
	"douyin/pkg/token"
	"douyin/rpc/social/social"
	"douyin/rpc/user/user"
	"douyin/rpc/video/video"
)

type ServiceContext struct {
	Config config.Config
	// Route middlewares (douyin.api).
	Auth         rest.Middleware
	OptionalAuth rest.Middleware
	Upload       rest.Middleware
	// Server-wide middlewares: the redacting slow-request log, the request's origin.
	AccessLog rest.Middleware
	Origin    rest.Middleware

	UserRpc   user.User
	VideoRpc  video.Video
	SocialRpc social.Social
	Media     *mediastore.Store
	Tools     media.Tools
	// Sweeper is a service that main starts beside the server.
	Sweeper *mediastore.Sweeper
	Limits  Limits
}

func NewServiceContext(c config.Config) *ServiceContext {
	// Passwords and chat content travel in these calls (asked or answered): keep
	// them out of the client's error and slow-call logs.
	for _, method := range []string{"/user.User/Register", "/user.User/Login",
		"/social.Social/MessageAction", "/social.Social/MessageChat", "/social.Social/FriendList"} {
		zrpc.DontLogClientContentForMethod(method)
	}

	verifier := token.NewVerifier(c.Auth.AccessSecret)
	resolver, err := origin.NewResolver(c.Media.PublicBaseURL, c.Media.TrustedProxies)
	if err != nil {
		panic("Media.TrustedProxies: " + err.Error())
	}
	store := mediastore.MustNew(c.Media.StorageDir)
	sizes := rpcMessageSizes(c.RpcMaxMsgBytes)
	videoRpc := video.NewVideo(zrpc.MustNewClient(c.VideoRpc, sizes))
	return &ServiceContext{
		Config:       c,
		Auth:         middleware.NewAuthMiddleware(verifier).Handle,
		OptionalAuth: middleware.NewOptionalAuthMiddleware(verifier).Handle,
		Upload:       middleware.NewUploadMiddleware(c.Media.MaxUploadBytes, store.TempDir(), verifier).Handle,
		AccessLog:    middleware.NewAccessLogMiddleware(c.SlowRequestMs).Handle,
		Origin:       middleware.NewOriginMiddleware(resolver).Handle,
		UserRpc:      user.NewUser(zrpc.MustNewClient(c.UserRpc, sizes)),
		VideoRpc:     videoRpc,
		SocialRpc:    social.NewSocial(zrpc.MustNewClient(c.SocialRpc, sizes)),
		Media:        store,
		Tools:        media.NewTools(c.Media.FfprobePath, c.Media.FfmpegPath, c.Media.ToolRuns),
		Sweeper: mediastore.NewSweeper(store, publishedKeys(videoRpc), redis.MustNewRedis(c.LockRedis),
			mediastore.StaleUploadAge),
		Limits: newLimits(redis.MustNewRedis(c.LimitRedis), c.RateLimits),
	}
}

// publishedKeys asks the video service which claimed play keys became videos.
func publishedKeys(rpc video.Video) mediastore.PublishedKeysFunc {
	return func(ctx context.Context, playKeys []string, since, until int64) ([]string, error) {
		resp, err := rpc.PublishedKeys(ctx, &video.PublishedKeysReq{PlayKeys: playKeys, Since: since, Until: until})
		if err != nil {
			return nil, err
		}
		return resp.PlayKeys, nil
	}
}

// rpcMessageSizes sets what the clients send and receive at most, as the
// services set theirs (MaxMsgBytes): gRPC's default receive limit, 4 MiB, is
// not a choice anyone made.
func rpcMessageSizes(maxBytes int) zrpc.ClientOption {
	return zrpc.WithDialOption(grpc.WithDefaultCallOptions(
		grpc.MaxCallRecvMsgSize(maxBytes), grpc.MaxCallSendMsgSize(maxBytes)))
}
