// Package testenv gives integration and end-to-end tests the real servers they
// need: a fresh MySQL database (dropped afterwards) and a private Redis, per test
// process, so that tests never see each other's rows or cache keys and never
// touch the data of a running `make run`.
//
//	func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
//	env := testenv.Get()
package testenv

import (
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"douyin/pkg/envconf"

	_ "github.com/go-sql-driver/mysql"
	"github.com/zeromicro/go-zero/core/stores/cache"
	"github.com/zeromicro/go-zero/core/stores/redis"
)

// Env is what a test process talks to.
type Env struct {
	Root       string // repository root
	DB         string // database name
	DataSource string // go-sql-driver DSN of DB
	RedisAddr  string // host:port of the private Redis
	LikeShards int
	redis      *RedisServer
	stack      *Stack
	// pool serves QueryInt, one for the whole test process: a pool per call
	// would hold a connection each until its test ends, and tests that poll
	// ran MySQL out of connections.
	poolOnce sync.Once
	pool     *sql.DB
}

var current *Env

// Get is the environment of this test process (Main must have run).
func Get() *Env {
	if current == nil {
		panic("testenv: call testenv.Main from TestMain")
	}
	return current
}

// Start sets up an environment outside of tests (the load harness); Close ends it.
func Start() (*Env, error) { return setUp() }

// Close stops the stack, if any, and removes the database and the Redis.
func (e *Env) Close() {
	if e.stack != nil {
		e.stack.stop()
	}
	if e.pool != nil {
		_ = e.pool.Close()
	}
	e.tearDown()
}

// Main sets the environment up, runs the tests and tears it down.
func Main(m *testing.M) int {
	env, err := setUp()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	current = env
	code := m.Run()
	env.Close()
	return code
}

// RepoRoot is the folder holding go.mod.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// mysqlServerDSN is the MySQL server of MYSQL_HOST, MYSQL_PORT, MYSQL_USER and
// MYSQL_PASSWORD (envconf has set the defaults of those not given).
func mysqlServerDSN() string {
	return fmt.Sprintf("%s:%s@tcp(%s:%s)/", os.Getenv("MYSQL_USER"), os.Getenv("MYSQL_PASSWORD"),
		os.Getenv("MYSQL_HOST"), os.Getenv("MYSQL_PORT"))
}

func setUp() (*Env, error) {
	// The same defaults as the processes and the scripts: whatever MYSQL_* or
	// LIKE_SHARDS make test was given reaches the tests and every process.
	envconf.ApplyDefaults()
	shards, err := strconv.Atoi(os.Getenv("LIKE_SHARDS"))
	if err != nil || shards < 1 {
		return nil, fmt.Errorf("LIKE_SHARDS=%q: want a positive number", os.Getenv("LIKE_SHARDS"))
	}
	env := &Env{
		Root:       RepoRoot(),
		DB:         fmt.Sprintf("douyin_test_%d_%d", os.Getpid(), time.Now().UnixNano()%1_000_000),
		LikeShards: shards,
	}
	env.DataSource = mysqlServerDSN() + env.DB + "?charset=utf8mb4&parseTime=true&loc=Local"

	schema := exec.Command("bash", filepath.Join(env.Root, "deploy/scripts/schema.sh"), env.DB)
	schema.Dir = env.Root
	schema.Env = os.Environ()
	if out, err := schema.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("schema.sh %s: %v\n%s", env.DB, err, out)
	}
	if err := env.startRedis(); err != nil {
		env.dropDB()
		return nil, err
	}
	return env, nil
}

func (e *Env) startRedis() (err error) {
	e.redis, err = StartRedis()
	if err == nil {
		e.RedisAddr = e.redis.Addr
	}
	return err
}

// RedisServer is a private redis-server of a test, with its data in a
// temporary folder.
type RedisServer struct {
	Addr string // 127.0.0.1:port
	cmd  *exec.Cmd
	dir  string
}

// StartRedis starts a private redis-server on a free port and waits until it
// answers. It keeps nothing on disk unless args say otherwise (e.g.
// "--appendonly", "yes"): what tests write is thrown away.
func StartRedis(args ...string) (*RedisServer, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, fmt.Errorf("redis-server not found (run make deps): %v", err)
	}
	srv := &RedisServer{Addr: "127.0.0.1:" + strconv.Itoa(port)}
	if srv.dir, err = os.MkdirTemp("", "douyin-test-redis-"); err != nil {
		return nil, err
	}
	srv.cmd = exec.Command(bin, append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", srv.dir}, args...)...)
	if err := srv.cmd.Start(); err != nil {
		_ = os.RemoveAll(srv.dir)
		return nil, err
	}
	rds := redis.MustNewRedis(redis.RedisConf{Host: srv.Addr, Type: redis.NodeType})
	for i := 0; i < 100; i++ {
		if rds.Ping() {
			return srv, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	srv.Stop()
	return nil, fmt.Errorf("private redis on %s did not answer", srv.Addr)
}

// Stop kills the server and removes its data.
func (srv *RedisServer) Stop() {
	if srv.cmd.Process != nil {
		_ = srv.cmd.Process.Kill()
		_, _ = srv.cmd.Process.Wait()
	}
	_ = os.RemoveAll(srv.dir)
}

func (e *Env) tearDown() {
	if e.redis != nil {
		e.redis.Stop()
	}
	e.dropDB()
}

func (e *Env) dropDB() {
	if db, err := sql.Open("mysql", mysqlServerDSN()); err == nil {
		_, _ = db.Exec("DROP DATABASE IF EXISTS `" + e.DB + "`")
		_ = db.Close()
	}
}

// RedisConf is the private Redis as go-zero config.
func (e *Env) RedisConf() redis.RedisConf {
	return redis.RedisConf{Host: e.RedisAddr, Type: redis.NodeType}
}

// CacheConf is the private Redis as go-zero cache config.
func (e *Env) CacheConf() cache.CacheConf {
	return cache.CacheConf{{RedisConf: e.RedisConf(), Weight: 100}}
}

// Redis is a client of the private Redis.
func (e *Env) Redis() *redis.Redis { return redis.MustNewRedis(e.RedisConf()) }

// SQL opens the test database.
func (e *Env) SQL(tb testing.TB) *sql.DB {
	db, err := sql.Open("mysql", e.DataSource)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return db
}

// InsertVideo adds a video of author straight to MySQL (for tests that look at
// something else than publishing), already processed so that the worker leaves
// it alone, and answers its id.
func (e *Env) InsertVideo(tb testing.TB, author int64, title string) int64 {
	tb.Helper()
	res, err := e.SQL(tb).Exec("insert into `video` (`author_id`, `title`, `play_key`, `created_at`, `process_state`) "+
		"values (?, ?, 'demo/play.mp4', ?, 'done')", author, title, time.Now().UnixMilli())
	if err != nil {
		tb.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

// QueryInt runs a query answering one integer.
func (e *Env) QueryInt(tb testing.TB, query string, args ...any) int64 {
	tb.Helper()
	e.poolOnce.Do(func() {
		var err error
		if e.pool, err = sql.Open("mysql", e.DataSource); err == nil {
			e.pool.SetMaxOpenConns(4)
		}
	})
	if e.pool == nil {
		tb.Fatal("testenv: cannot open the test database")
	}
	var n sql.NullInt64
	if err := e.pool.QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n.Int64
}

// FreePort is a TCP port free on 127.0.0.1 right now.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Shards lists the like shard table names.
func (e *Env) Shards() []string {
	names := make([]string, e.LikeShards)
	for i := range names {
		names[i] = fmt.Sprintf("favorite_%02d", i)
	}
	return names
}

// Lazy builds a value of the test environment (a service context, the models)
// on first use, once per test process.
func Lazy[T any](build func(env *Env) T) func() T {
	var (
		once  sync.Once
		value T
	)
	return func() T {
		once.Do(func() { value = build(Get()) })
		return value
	}
}
