// Package stores builds the data layer of a process, once, from the store config
// that every service shares; a service context then takes exactly the stores it
// names.
package stores

import (
	"context"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/model"
	"douyin/model/pages"
	"douyin/pkg/durability"
	"douyin/pkg/likemetrics"
	"douyin/pkg/likestore"
	"douyin/pkg/redisx"
	"douyin/pkg/rowcache"
	"douyin/pkg/sqldeadline"
)

// Conf is the store config of every service and of the worker. Their Config
// embeds it anonymously, so its keys sit at the top of their YAML files.
type Conf struct {
	Mysql MysqlConf
	// CacheRedis holds go-zero's row cache (single node: batch reads MGET it),
	// the timeline, the id sets and lists.
	CacheRedis cache.CacheConf
	// DataRedis holds data MySQL does not have yet (pending likes) and the Asynq
	// queues, and must be durable (AOF); it may be the same server as CacheRedis.
	DataRedis redis.RedisConf
	// LikeShards is the number of like shard tables (favorite_00 ..), the same
	// in every process: cold like states load from the user's shard.
	LikeShards int `json:",default=4"`
	// AllowVolatileDataRedis lets the processes that write DataRedis start on a
	// Redis that keeps nothing on disk or evicts keys (a throwaway test Redis);
	// otherwise RequireDurableDataRedis refuses it (REDIS_ALLOW_VOLATILE).
	AllowVolatileDataRedis bool `json:",optional"`
}

// MysqlConf is where MySQL is, and how long one statement (or transaction) may
// take: past Timeout it fails as busy, so a stalled MySQL neither hangs requests
// nor holds the worker, and go-zero's SQL breaker opens.
type MysqlConf struct {
	DataSource string
	Timeout    time.Duration `json:",default=1s"`
	// MaxOpenConns caps this process's connections (go-zero opens up to 64):
	// every process of every replica counts against MySQL's max_connections
	// (151 by default).
	MaxOpenConns int `json:",default=24"`
}

// Stores is the data layer of one process.
type Stores struct {
	user      model.UserModel
	video     model.VideoModel
	comment   model.CommentModel
	follow    model.FollowModel
	message   model.MessageModel
	likes     *likestore.Store
	likeFlush *model.LikeFlush
	pages     *pages.Reader
	redises   map[string]*redis.Redis // by role, for the durability metric
	cacheNode *redis.Redis
	conf      Conf
}

// New connects to MySQL and Redis and builds every store. c.CacheRedis must
// have one node: batch reads MGET it directly.
func New(c Conf) *Stores {
	// go-zero logs every statement with its arguments at info level (too costly
	// on the hot path), and slow and failed ones with their arguments too: a
	// duplicate register would log the password's bcrypt hash, a slow send the
	// chat message. None is logged; a failed statement's error still reaches
	// the caller (and its log, without arguments), durations reach the metrics.
	sqlx.DisableLog()
	conn := sqldeadline.Wrap(sqlx.NewMysql(c.Mysql.DataSource), c.Mysql.Timeout)
	cacheNode := redisx.MustNewRedis(c.CacheRedis[0].RedisConf)
	data := redisx.MustNewRedis(c.DataRedis)
	// Every process reads and writes likes in the user's shard table: one with
	// another shard count than the database's would use the wrong tables.
	logx.Must(model.NewLikeShardLayoutModel(conn).Check(context.Background(), c.LikeShards))
	if db, err := conn.RawDB(); err == nil && c.Mysql.MaxOpenConns > 0 { // connected by the check above
		db.SetMaxOpenConns(c.Mysql.MaxOpenConns)
	}
	shards := model.NewFavoriteShards(conn, c.LikeShards)
	s := &Stores{
		user:      model.NewUserModel(conn, c.CacheRedis, cacheNode),
		video:     model.NewVideoModel(conn, c.CacheRedis, cacheNode),
		comment:   model.NewCommentModel(conn, c.CacheRedis, cacheNode),
		follow:    model.NewFollowModel(conn, c.CacheRedis, cacheNode),
		message:   model.NewMessageModel(conn, cacheNode),
		redises:   map[string]*redis.Redis{"data": data, "cache": cacheNode},
		cacheNode: cacheNode,
		conf:      c,
		likes:     likestore.New(data, shards, model.NewLikeCounts(conn)),
	}
	if err := s.likes.LoadScripts(context.Background()); err != nil {
		logx.Errorf("load like scripts: %v", err) // they load on first use then
	}
	s.likeFlush = model.NewLikeFlush(conn, shards, s.video, s.user)
	s.pages = pages.New(cacheNode, data, s.user, s.video, s.follow, s.likes)
	return s
}

// User is the user table.
func (s *Stores) User() model.UserModel { return s.user }

// Video is the video table, with the timeline and the per-author lists.
func (s *Stores) Video() model.VideoModel { return s.video }

// Comment is the comment table, with the per-video lists.
func (s *Stores) Comment() model.CommentModel { return s.comment }

// Follow is the follow table, with the follow sets and lists.
func (s *Stores) Follow() model.FollowModel { return s.follow }

// Message is the message table, with the conversations' ends.
func (s *Stores) Message() model.MessageModel { return s.message }

// Likes is the like store on the data Redis.
func (s *Stores) Likes() *likestore.Store { return s.likes }

// LikeFlush writes like batches to MySQL.
func (s *Stores) LikeFlush() *model.LikeFlush { return s.likeFlush }

// Pages reads pages as their viewer sees them.
func (s *Stores) Pages() *pages.Reader { return s.pages }

// RequireDurableDataRedis stops the process, with the fix in the message, when
// DataRedis would lose acknowledged likes or Asynq tasks (no AOF, or keys
// evicted) and AllowVolatileDataRedis does not say that is fine. The social
// service and the worker, which write DataRedis, call it at start.
func (s *Stores) RequireDurableDataRedis() {
	logx.Must(durability.RequireDurableRedis(context.Background(), s.redises["data"], "DataRedis",
		s.conf.AllowVolatileDataRedis))
}

// SettleOwedDeletes makes the second deletes of cached rows that are due and
// still owed (pkg/rowcache DelTwice: their writer failed or died), and answers
// how many it made.
func (s *Stores) SettleOwedDeletes(ctx context.Context) (int, error) {
	return rowcache.SettleOwedDeletes(ctx, s.cacheNode)
}

// LikeMetrics exports the like backlog, LikeFlushMaxDelay and the durability of
// both Redis (pkg/likemetrics) on this process's /metrics; the social service
// and the worker call it, so the backlog shows while either runs.
func (s *Stores) LikeMetrics(maxDelay time.Duration) {
	likemetrics.Register(likemetrics.NewSampler(s.likes, maxDelay, s.redises))
}
