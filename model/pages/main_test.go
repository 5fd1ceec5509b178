package pages

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/model"
	"douyin/pkg/likestore"
	"douyin/pkg/redisx"
	"douyin/pkg/testenv"
)

// TestMain gives the package a fresh database and a private Redis (testenv).
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// fixture is a page reader with the stores it reads.
type fixture struct {
	*Reader
	User             model.UserModel
	Video            model.VideoModel
	Likes            *likestore.Store
	Favorites        *model.FavoriteShards
	Conn             sqlx.SqlConn
	Redis, CacheNode *redis.Redis
}

// newFixture builds the reader over the test servers, the row cache at cacheConf.
func newFixture(cacheConf cache.CacheConf) *fixture {
	env := testenv.Get()
	f := &fixture{Conn: sqlx.NewMysql(env.DataSource), CacheNode: redisx.MustNewRedis(cacheConf[0].RedisConf),
		Redis: redisx.MustNewRedis(env.RedisConf())}
	f.User = model.NewUserModel(f.Conn, cacheConf, f.CacheNode)
	f.Video = model.NewVideoModel(f.Conn, cacheConf, f.CacheNode)
	f.Favorites = model.NewFavoriteShards(f.Conn, env.LikeShards)
	f.Likes = likestore.New(f.Redis, f.Favorites, model.NewLikeCounts(f.Conn))
	f.Reader = New(f.CacheNode, f.Redis, f.User, f.Video, model.NewFollowModel(f.Conn, cacheConf, f.CacheNode), f.Likes)
	return f
}

// testModels is the fixture of the test environment, built once.
var testModels = testenv.Lazy(func(env *testenv.Env) *fixture { return newFixture(env.CacheConf()) })

func insertUser(t *testing.T, m *fixture, name string) int64 {
	t.Helper()
	res, err := m.User.Insert(context.Background(), &model.User{Username: name, Password: "x", CreatedAt: time.Now().UnixMilli()})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func insertVideo(t *testing.T, m *fixture, author int64) int64 {
	t.Helper()
	res, err := m.Video.Insert(context.Background(), &model.Video{AuthorId: author, Title: "t", PlayKey: "p", CreatedAt: time.Now().UnixMilli()})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}
