package logic

import (
	"os"
	"testing"

	"github.com/zeromicro/go-zero/core/conf"

	"douyin/model/stores"
	"douyin/pkg/testenv"
	"douyin/rpc/social/internal/config"
	"douyin/rpc/social/internal/svc"
)

// TestMain gives the package's tests a fresh database and a private Redis; every
// test file of the package shares it and serviceContext.
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// serviceContext is the service as the tests see it, built once.
var serviceContext = testenv.Lazy(func(env *testenv.Env) *svc.ServiceContext {
	c := config.Config{Conf: stores.Conf{Mysql: stores.MysqlConf{DataSource: env.DataSource}, CacheRedis: env.CacheConf(),
		DataRedis: env.RedisConf(), LikeShards: env.LikeShards, AllowVolatileDataRedis: true}}
	if err := conf.FillDefault(&c.Lists); err != nil { // the list caps an etc file gets
		panic(err)
	}
	return svc.NewServiceContext(c)
})
