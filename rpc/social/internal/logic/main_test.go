package logic

import (
	"os"
	"sync"
	"testing"

	"douyin/pkg/testenv"
	"douyin/rpc/social/internal/config"
	"douyin/rpc/social/internal/svc"
)

// TestMain gives the package's tests a fresh database and a private Redis; every
// test file of the package shares it and serviceContext.
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

var (
	svcOnce sync.Once
	svcCtx  *svc.ServiceContext
)

func serviceContext() *svc.ServiceContext {
	svcOnce.Do(func() {
		env := testenv.Get()
		c := config.Config{CacheRedis: env.CacheConf(), DataRedis: env.RedisConf(), LikeShards: env.LikeShards}
		c.Mysql.DataSource = env.DataSource
		svcCtx = svc.NewServiceContext(c)
	})
	return svcCtx
}
