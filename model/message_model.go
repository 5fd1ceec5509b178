package model

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlx"
)

var _ MessageModel = (*customMessageModel)(nil)

type (
	// MessageModel is an interface to be customized, add more methods here,
	// and implement the added methods in customMessageModel.
	MessageModel interface {
		messageModel
		withSession(session sqlx.Session) MessageModel
		// Send stores a message. Its created_at is unique and increasing within the
		// conversation, so a poll from the last create_time it saw never misses
		// or repeats a message.
		Send(ctx context.Context, from, to int64, content string) (*Message, error)
		// LastTime answers a bound on the conversation's newest created_at (0: no
		// messages), cached in Redis; false when the cache does not know it.
		LastTime(ctx context.Context, a, b int64) (int64, bool, error)
		// Conversation answers the newest max messages between a and b with
		// created_at after ms, oldest first: one range scan of
		// uk_conversation_created_at. It teaches LastTime what it saw.
		Conversation(ctx context.Context, a, b, ms int64, max int) ([]*Message, error)
		// Latest answers the latest message between userID and each of others:
		// one MGET of the cached latest messages, one statement for the misses.
		Latest(ctx context.Context, userID int64, others []int64) (map[int64]*Message, error)
	}

	customMessageModel struct {
		*defaultMessageModel
		rds *redis.Redis // the cache node: the latest message of each conversation
	}
)

// NewMessageModel returns a model for the database table.
func NewMessageModel(conn sqlx.SqlConn, rds *redis.Redis) MessageModel {
	return &customMessageModel{
		defaultMessageModel: newMessageModel(conn),
		rds:                 rds,
	}
}

func (m *customMessageModel) withSession(session sqlx.Session) MessageModel {
	return NewMessageModel(sqlx.NewSqlConnFromSession(session), m.rds)
}

const (
	// sendAttempts bounds the retries of a send that lost a race for the same
	// conversation (a duplicate created_at or a deadlock).
	sendAttempts = 8
	// lastTTL bounds how long a send that died between its commit and its cache
	// update can hide its message from empty polls.
	lastTTL = 5 * 60 // seconds
)

// The cache node keeps, per conversation, what is known of its end: "<ms>" (no
// message after ms; "0" = no message at all) or "<ms>:<id>:<from>:<content>"
// (the latest message, at ms). Every writer stores a truth of the moment it
// read MySQL, so keeping the greatest ms (and, at equal ms, the message) is
// right whatever order writers arrive in.
// KEYS[1] conversation; ARGV[1] ms, ARGV[2] ttl seconds, ARGV[3] value.
var lastScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
local ms = tonumber(ARGV[1])
if cur then
  local curMs = tonumber(string.match(cur, '^%d+'))
  if ms < curMs or (ms == curMs and (string.find(ARGV[3], ':') == nil or string.find(cur, ':') ~= nil)) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[2])
return 1`)

func conversation(a, b int64) (lo, hi int64) {
	if a < b {
		return a, b
	}
	return b, a
}

func lastKey(a, b int64) string {
	lo, hi := conversation(a, b)
	return fmt.Sprintf("chat:last:%d:%d", lo, hi)
}

// encodeLast is the cached end of a conversation: msg when known, else the bound ms.
func encodeLast(ms int64, msg *Message) string {
	if msg == nil {
		return strconv.FormatInt(ms, 10)
	}
	return fmt.Sprintf("%d:%d:%d:%s", msg.CreatedAt, msg.Id, msg.FromUserId, msg.Content)
}

// decodeLast reads encodeLast's value; msg is nil when only the bound is known.
// The caller fills in the conversation's users.
func decodeLast(v string) (ms int64, msg *Message, err error) {
	parts := strings.SplitN(v, ":", 4)
	if ms, err = strconv.ParseInt(parts[0], 10, 64); err != nil || len(parts) < 4 {
		return ms, nil, err
	}
	msg = &Message{CreatedAt: ms, Content: parts[3]}
	if msg.Id, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
		return 0, nil, err
	}
	msg.FromUserId, err = strconv.ParseInt(parts[2], 10, 64)
	return ms, msg, err
}

func (m *customMessageModel) rememberLast(ctx context.Context, a, b, ms int64, msg *Message) error {
	if msg != nil {
		ms = msg.CreatedAt
	}
	_, err := m.rds.ScriptRunCtx(ctx, lastScript, []string{lastKey(a, b)}, ms, lastTTL, encodeLast(ms, msg))
	return err
}

func (m *customMessageModel) Send(ctx context.Context, from, to int64, content string) (*Message, error) {
	for attempt := 1; ; attempt++ {
		msg, err := m.send(ctx, from, to, content)
		var my *mysql.MySQLError
		if errors.As(err, &my) && (my.Number == 1062 || my.Number == 1213) && attempt < sendAttempts {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := m.rememberLast(ctx, from, to, 0, msg); err != nil {
			return nil, err
		}
		return msg, nil
	}
}

// send stamps the message max(now, the conversation's latest + 1). Sends that
// involve the same lower user id run one at a time (they lock that user's row),
// so the sends of a conversation commit in created_at order and a poll never
// sees a message before an older one that is still committing. A user row, not
// the conversation's index range, is locked: gap locks on an empty range would
// let two first messages deadlock.
func (m *customMessageModel) send(ctx context.Context, from, to int64, content string) (*Message, error) {
	lo, hi := conversation(from, to)
	msg := &Message{FromUserId: from, ToUserId: to, UserLo: lo, UserHi: hi, Content: content}
	err := m.conn.TransactCtx(ctx, func(ctx context.Context, session sqlx.Session) error {
		var locked []int64
		if err := session.QueryRowsCtx(ctx, &locked, "select `id` from `user` where `id` = ? for update", lo); err != nil {
			return err
		}
		// A plain read after the lock: its snapshot starts now, after the
		// previous send's commit.
		var last int64
		query := fmt.Sprintf("select coalesce(max(`created_at`), 0) from %s where `user_lo` = ? and `user_hi` = ?", m.table)
		if err := session.QueryRowCtx(ctx, &last, query, lo, hi); err != nil {
			return err
		}
		msg.CreatedAt = max(time.Now().UnixMilli(), last+1)
		insert := fmt.Sprintf("insert into %s (%s) values (?, ?, ?, ?, ?, ?)", m.table, messageRowsExpectAutoSet)
		res, err := session.ExecCtx(ctx, insert, msg.FromUserId, msg.ToUserId, lo, hi, msg.Content, msg.CreatedAt)
		if err != nil {
			return err
		}
		msg.Id, err = res.LastInsertId()
		return err
	})
	return msg, err
}

func (m *customMessageModel) LastTime(ctx context.Context, a, b int64) (int64, bool, error) {
	v, err := m.rds.GetCtx(ctx, lastKey(a, b))
	if err != nil || v == "" {
		return 0, false, err
	}
	ms, _, err := decodeLast(v)
	return ms, err == nil, err
}

func (m *customMessageModel) Conversation(ctx context.Context, a, b, ms int64, max int) ([]*Message, error) {
	lo, hi := conversation(a, b)
	var messages []*Message
	query := fmt.Sprintf("select %s from %s where `user_lo` = ? and `user_hi` = ? and `created_at` > ? "+
		"order by `created_at` desc limit ?", messageRows, m.table)
	if err := m.conn.QueryRowsCtx(ctx, &messages, query, lo, hi, ms, max); err != nil {
		return nil, err
	}
	slices.Reverse(messages) // the newest max, oldest first
	// When the query ran, its newest message was the conversation's latest, or
	// nothing came after ms: either is a truth for the cache.
	var latest *Message
	if len(messages) > 0 {
		latest = messages[len(messages)-1]
	}
	return messages, m.rememberLast(ctx, a, b, ms, latest)
}

func (m *customMessageModel) Latest(ctx context.Context, userID int64, others []int64) (map[int64]*Message, error) {
	latest := make(map[int64]*Message, len(others))
	if len(others) == 0 {
		return latest, nil
	}
	keys := make([]string, len(others))
	for i, other := range others {
		keys[i] = lastKey(userID, other)
	}
	cached, err := m.rds.MgetCtx(ctx, keys...)
	if err != nil {
		return nil, err
	}
	var missing []int64
	for i, other := range others {
		ms, msg, err := decodeLast(cached[i])
		switch {
		case cached[i] == "" || err != nil || (msg == nil && ms > 0):
			missing = append(missing, other)
		case msg != nil:
			msg.ToUserId = other
			if msg.FromUserId == other {
				msg.ToUserId = userID
			}
			msg.UserLo, msg.UserHi = conversation(userID, other)
			latest[other] = msg
		}
	}
	if len(missing) == 0 {
		return latest, nil
	}
	found, err := m.latestFromDB(ctx, userID, missing)
	if err != nil {
		return nil, err
	}
	for _, other := range missing {
		msg := found[other]
		if msg != nil {
			latest[other] = msg
		}
		// A conversation without messages is remembered as such ("0").
		if err := m.rememberLast(ctx, userID, other, 0, msg); err != nil {
			return nil, err
		}
	}
	return latest, nil
}

// latestFromDB reads the latest messages in one statement; each branch is one
// index dive at the end of a conversation.
func (m *customMessageModel) latestFromDB(ctx context.Context, userID int64, others []int64) (map[int64]*Message, error) {
	branches := make([]string, len(others))
	args := make([]any, 0, 2*len(others))
	branch := fmt.Sprintf("(select %s from %s where `user_lo` = ? and `user_hi` = ? order by `created_at` desc limit 1)",
		messageRows, m.table)
	for i, other := range others {
		lo, hi := conversation(userID, other)
		branches[i] = branch
		args = append(args, lo, hi)
	}
	var messages []*Message
	if err := m.conn.QueryRowsCtx(ctx, &messages, strings.Join(branches, " union all "), args...); err != nil {
		return nil, err
	}
	latest := make(map[int64]*Message, len(messages))
	for _, msg := range messages {
		other := msg.ToUserId
		if other == userID {
			other = msg.FromUserId
		}
		latest[other] = msg
	}
	return latest, nil
}
