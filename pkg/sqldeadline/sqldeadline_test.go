package sqldeadline

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// stalledConn is a connection to the test database through a proxy, and the
// proxy, paused by the test when it wants MySQL to stall.
func stalledConn(t *testing.T, d time.Duration) (sqlx.SqlConn, *testenv.Proxy) {
	env := testenv.Get()
	at := strings.Index(env.DataSource, "@tcp(") + len("@tcp(")
	end := at + strings.IndexByte(env.DataSource[at:], ')')
	proxy, err := testenv.StartProxy(env.DataSource[at:end])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(proxy.Close)
	dsn := env.DataSource[:at] + proxy.Addr() + env.DataSource[end:]
	return Wrap(sqlx.NewMysql(dsn), d), proxy
}

// While MySQL stalls, statements and transactions fail with the deadline
// instead of waiting for the server; after it answers again they succeed.
func TestStatementsFailAtTheDeadlineWhileMySQLStalls(t *testing.T) {
	conn, proxy := stalledConn(t, 300*time.Millisecond)
	var one int
	if err := conn.QueryRowCtx(context.Background(), &one, "select 1"); err != nil || one != 1 {
		t.Fatalf("before the stall: %d, %v", one, err)
	}

	proxy.Pause()
	if err := conn.QueryRowCtx(context.Background(), &one, "select 1"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("query while stalled: %v, want the deadline", err)
	}
	if _, err := conn.Exec("do 1"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("exec (no context) while stalled: %v, want the deadline", err)
	}
	err := conn.TransactCtx(context.Background(), func(ctx context.Context, s sqlx.Session) error {
		_, err := s.ExecCtx(ctx, "do 1")
		return err
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("transaction while stalled: %v, want the deadline", err)
	}

	proxy.Resume()
	if err := conn.QueryRowCtx(context.Background(), &one, "select 2"); err != nil || one != 2 {
		t.Fatalf("after the stall: %d, %v", one, err)
	}
}

// A caller's sooner deadline still wins; a zero deadline leaves conn as it is.
func TestTheSoonerDeadlineWins(t *testing.T) {
	conn, proxy := stalledConn(t, time.Hour)
	var one int
	// go-zero opens the pool with a Ping of its own, without a deadline: the
	// processes have always connected before a stall.
	if err := conn.QueryRowCtx(context.Background(), &one, "select 1"); err != nil {
		t.Fatal(err)
	}
	proxy.Pause()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := conn.QueryRowCtx(ctx, &one, "select 1"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("query with the caller's deadline: %v", err)
	}
	proxy.Resume()
	plain := sqlx.NewMysql(testenv.Get().DataSource)
	if Wrap(plain, 0) != plain {
		t.Fatal("Wrap with no deadline must return the conn itself")
	}
}
