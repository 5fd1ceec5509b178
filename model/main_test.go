package model

import (
	"os"
	"testing"

	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/redisx"
	"douyin/pkg/testenv"
)

// TestMain gives the package a fresh database and a private Redis (testenv).
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// testSet is every model of the test environment.
type testSet struct {
	User      UserModel
	Video     VideoModel
	Comment   CommentModel
	Follow    FollowModel
	Message   MessageModel
	Favorites *FavoriteShards
	Conn      sqlx.SqlConn
	CacheNode *redis.Redis
}

// testModels are the models of the test environment, built once.
var testModels = testenv.Lazy(func(env *testenv.Env) *testSet {
	conn := sqlx.NewMysql(env.DataSource)
	node := redisx.MustNewRedis(env.RedisConf())
	return &testSet{
		User:      NewUserModel(conn, env.CacheConf(), node),
		Video:     NewVideoModel(conn, env.CacheConf(), node),
		Comment:   NewCommentModel(conn, env.CacheConf(), node),
		Follow:    NewFollowModel(conn, env.CacheConf(), node),
		Message:   NewMessageModel(conn, node),
		Favorites: NewFavoriteShards(conn, env.LikeShards),
		Conn:      conn,
		CacheNode: node,
	}
})
