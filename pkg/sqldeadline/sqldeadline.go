// Package sqldeadline bounds every MySQL call of a process: a stalled server
// then costs a request at most the deadline, well under the app's own timeout,
// and the timeouts count as failures in go-zero's SQL breaker, which opens and
// refuses at once until the server answers again.
package sqldeadline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/zeromicro/go-zero/core/breaker"
	"github.com/zeromicro/go-zero/core/stores/sqlx"

	"douyin/pkg/sqlmetrics"
)

// Wrap returns conn with each statement, and each transaction as a whole, under
// a deadline of d (or the caller's, when that is sooner), each timed for the
// metrics (pkg/sqlmetrics). d <= 0 returns conn.
func Wrap(conn sqlx.SqlConn, d time.Duration) sqlx.SqlConn {
	if d <= 0 {
		return conn
	}
	return &deadlineConn{SqlConn: conn, d: d, txBreaker: breaker.NewBreaker()}
}

type deadlineConn struct {
	sqlx.SqlConn
	d         time.Duration
	txBreaker breaker.Breaker
}

func (c *deadlineConn) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, c.d)
}

// query runs one of the embedded conn's four queries under the deadline.
func (c *deadlineConn) query(run func(context.Context, any, string, ...any) error, ctx context.Context,
	v any, q string, args ...any) error {
	ctx, cancel := c.bound(ctx)
	defer cancel()
	start := time.Now()
	err := run(ctx, v, q, args...)
	sqlmetrics.Observe(sqlmetrics.Query, start, !acceptable(err))
	return err
}

func (c *deadlineConn) ExecCtx(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx, cancel := c.bound(ctx)
	defer cancel()
	start := time.Now()
	res, err := c.SqlConn.ExecCtx(ctx, q, args...)
	sqlmetrics.Observe(sqlmetrics.Exec, start, !acceptable(err))
	return res, err
}

func (c *deadlineConn) PrepareCtx(ctx context.Context, q string) (sqlx.StmtSession, error) {
	ctx, cancel := c.bound(ctx)
	defer cancel()
	return c.SqlConn.PrepareCtx(ctx, q)
}

func (c *deadlineConn) QueryRowCtx(ctx context.Context, v any, q string, args ...any) error {
	return c.query(c.SqlConn.QueryRowCtx, ctx, v, q, args...)
}

func (c *deadlineConn) QueryRowPartialCtx(ctx context.Context, v any, q string, args ...any) error {
	return c.query(c.SqlConn.QueryRowPartialCtx, ctx, v, q, args...)
}

func (c *deadlineConn) QueryRowsCtx(ctx context.Context, v any, q string, args ...any) error {
	return c.query(c.SqlConn.QueryRowsCtx, ctx, v, q, args...)
}

func (c *deadlineConn) QueryRowsPartialCtx(ctx context.Context, v any, q string, args ...any) error {
	return c.query(c.SqlConn.QueryRowsPartialCtx, ctx, v, q, args...)
}

// TransactCtx begins with the bounded context itself: go-zero's transactions
// begin without one (sql.DB.Begin), so a stalled server would hold them at
// BEGIN past any deadline. Transactions share a breaker of their own, which
// counts failures as go-zero's does. The deferred cancel rolls back a
// transaction whose fn panicked.
func (c *deadlineConn) TransactCtx(ctx context.Context, fn func(context.Context, sqlx.Session) error) error {
	ctx, cancel := c.bound(ctx)
	defer cancel()
	start := time.Now()
	err := c.txBreaker.DoWithAcceptableCtx(ctx, func() error {
		db, err := c.RawDB()
		if err != nil {
			return err
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := fn(ctx, sqlx.NewSessionFromTx(tx)); err != nil {
			if rollbackErr := tx.Rollback(); rollbackErr != nil {
				return fmt.Errorf("transaction failed: %w, rollback failed: %v", err, rollbackErr)
			}
			return err
		}
		return tx.Commit()
	}, acceptable)
	sqlmetrics.Observe(sqlmetrics.Transact, start, !acceptable(err))
	return err
}

// acceptable are the errors that say nothing about the server's health, as for
// go-zero's own MySQL breaker: no row, a duplicate key, a cancelled caller.
func acceptable(err error) bool {
	var mysqlErr *mysql.MySQLError
	return err == nil || errors.Is(err, sql.ErrNoRows) || errors.Is(err, sql.ErrTxDone) ||
		errors.Is(err, context.Canceled) || (errors.As(err, &mysqlErr) && mysqlErr.Number == duplicateEntry)
}

// duplicateEntry is MySQL's ER_DUP_ENTRY.
const duplicateEntry = 1062

// The calls without a context go through the bounded ones above (the embedded
// conn's would call its own).

func (c *deadlineConn) Exec(q string, args ...any) (sql.Result, error) {
	return c.ExecCtx(context.Background(), q, args...)
}

func (c *deadlineConn) Prepare(q string) (sqlx.StmtSession, error) {
	return c.PrepareCtx(context.Background(), q)
}

func (c *deadlineConn) QueryRow(v any, q string, args ...any) error {
	return c.QueryRowCtx(context.Background(), v, q, args...)
}

func (c *deadlineConn) QueryRowPartial(v any, q string, args ...any) error {
	return c.QueryRowPartialCtx(context.Background(), v, q, args...)
}

func (c *deadlineConn) QueryRows(v any, q string, args ...any) error {
	return c.QueryRowsCtx(context.Background(), v, q, args...)
}

func (c *deadlineConn) QueryRowsPartial(v any, q string, args ...any) error {
	return c.QueryRowsPartialCtx(context.Background(), v, q, args...)
}

func (c *deadlineConn) Transact(fn func(sqlx.Session) error) error {
	return c.TransactCtx(context.Background(), func(_ context.Context, s sqlx.Session) error { return fn(s) })
}
