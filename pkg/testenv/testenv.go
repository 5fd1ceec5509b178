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
	"strings"
	"sync"
	"testing"
	"time"

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
	redisCmd   *exec.Cmd
	stack      *Stack
	redisDir   string
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

func getenv(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// RepoRoot is the folder holding go.mod.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

func mysqlServerDSN() string {
	return fmt.Sprintf("%s:%s@tcp(%s:%s)/", getenv("MYSQL_USER", "root"), os.Getenv("MYSQL_PASSWORD"),
		getenv("MYSQL_HOST", "127.0.0.1"), getenv("MYSQL_PORT", "3306"))
}

func setUp() (*Env, error) {
	shards, _ := strconv.Atoi(getenv("LIKE_SHARDS", "4"))
	env := &Env{
		Root:       RepoRoot(),
		DB:         fmt.Sprintf("douyin_test_%d_%d", os.Getpid(), time.Now().UnixNano()%1_000_000),
		LikeShards: shards,
	}
	env.DataSource = mysqlServerDSN() + env.DB + "?charset=utf8mb4&parseTime=true&loc=Local"

	schema := exec.Command("bash", filepath.Join(env.Root, "deploy/scripts/schema.sh"), env.DB)
	schema.Dir = env.Root
	schema.Env = append(os.Environ(), "LIKE_SHARDS="+strconv.Itoa(shards))
	if out, err := schema.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("schema.sh %s: %v\n%s", env.DB, err, out)
	}
	if err := env.startRedis(); err != nil {
		env.dropDB()
		return nil, err
	}
	return env, nil
}

func (e *Env) startRedis() error {
	port, err := FreePort()
	if err != nil {
		return err
	}
	if e.redisDir, err = os.MkdirTemp("", "douyin-test-redis-"); err != nil {
		return err
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return fmt.Errorf("redis-server not found (run make deps): %v", err)
	}
	e.RedisAddr = "127.0.0.1:" + strconv.Itoa(port)
	e.redisCmd = exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", e.redisDir)
	if err := e.redisCmd.Start(); err != nil {
		return err
	}
	rds := e.Redis()
	for i := 0; i < 100; i++ {
		if rds.Ping() {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("private redis on %s did not answer", e.RedisAddr)
}

func (e *Env) tearDown() {
	if e.redisCmd != nil && e.redisCmd.Process != nil {
		_ = e.redisCmd.Process.Kill()
		_, _ = e.redisCmd.Process.Wait()
	}
	_ = os.RemoveAll(e.redisDir)
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

// QueryInt runs a query answering one integer.
func (e *Env) QueryInt(tb testing.TB, query string, args ...any) int64 {
	tb.Helper()
	var n sql.NullInt64
	if err := e.SQL(tb).QueryRow(query, args...).Scan(&n); err != nil {
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

// rewrite points a service's etc yaml at this environment: test database,
// private Redis, and the given replacements (ports, folders).
func (e *Env) rewrite(s string, replace map[string]string) string {
	s = strings.ReplaceAll(s, "root:@tcp(127.0.0.1:3306)/douyin?charset=utf8mb4&parseTime=true&loc=Local", e.DataSource)
	s = strings.ReplaceAll(s, "127.0.0.1:6379", e.RedisAddr)
	for from, to := range replace {
		s = strings.ReplaceAll(s, from, to)
	}
	return s
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
