package model

import (
	"sync/atomic"

	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

// Models is every model of the database, built once per process from its config.
type Models struct {
	User    UserModel
	Video   VideoModel
	Comment CommentModel
	Follow  FollowModel
	Message MessageModel
	Likes   *LikeStore
	// Favorites routes users to their like shard tables.
	Favorites *FavoriteShards
	// Redis is the durable data Redis (pending likes, timelines); CacheNode is
	// the node of go-zero's row cache.
	Redis     *redis.Redis
	CacheNode *redis.Redis
	Conn      sqlx.SqlConn

	// What this process remembers between pages (behind a pointer: Models is a
	// handle, copied freely).
	videoAuthors *authorMemo
	feedHead     *atomic.Pointer[feedHead]
}

// Option tunes NewModels.
type Option func(*options)

type options struct {
	likeShards int
}

// WithLikeShards sets the number of like shard tables (config LikeShards);
// every process that reads or writes likes must use the same number.
func WithLikeShards(n int) Option {
	return func(o *options) { o.likeShards = n }
}

// NewModels connects to MySQL and Redis. cacheConf must have one node: batch
// reads MGET it directly.
func NewModels(dataSource string, cacheConf cache.CacheConf, dataRedis redis.RedisConf, opts ...Option) *Models {
	o := options{likeShards: DefaultLikeShards}
	for _, opt := range opts {
		opt(&o)
	}
	// go-zero logs every statement with its arguments at info level: too costly
	// on the hot path, and it would copy messages and comments into the logs.
	// Slow and failed statements are still logged.
	sqlx.DisableStmtLog()
	conn := sqlx.NewMysql(dataSource)
	cacheNode := mustNewRedis(cacheConf[0].RedisConf)
	rds := mustNewRedis(dataRedis)
	favorites := NewFavoriteShards(conn, o.likeShards)
	return &Models{
		User:      NewUserModel(conn, cacheConf, cacheNode),
		Video:     NewVideoModel(conn, cacheConf, cacheNode),
		Comment:   NewCommentModel(conn, cacheConf, cacheNode),
		Follow:    NewFollowModel(conn, cacheConf, cacheNode),
		Message:   NewMessageModel(conn, cacheNode),
		Likes:     NewLikeStore(rds, favorites),
		Favorites: favorites,
		Redis:     rds,
		CacheNode: cacheNode,
		Conn:      conn,

		videoAuthors: newAuthorMemo(),
		feedHead:     new(atomic.Pointer[feedHead]),
	}
}
