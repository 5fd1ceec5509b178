package stores

import (
	"os"
	"testing"

	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// The process's MySQL pool is capped at Mysql.MaxOpenConns, and the stores
// start against the test database's recorded shard layout.
func TestTheMySQLPoolIsCapped(t *testing.T) {
	env := testenv.Get()
	New(Conf{Mysql: MysqlConf{DataSource: env.DataSource, MaxOpenConns: 3}, CacheRedis: env.CacheConf(),
		DataRedis: env.RedisConf(), LikeShards: env.LikeShards})
	// go-zero keeps one pool per data source in a process: this is the stores'.
	db, err := sqlx.NewMysql(env.DataSource).RawDB()
	if err != nil {
		t.Fatal(err)
	}
	if got := db.Stats().MaxOpenConnections; got != 3 {
		t.Fatalf("max open connections %d, want 3", got)
	}
}
