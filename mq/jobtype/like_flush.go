// Package jobtype names the Asynq tasks of the mq worker and how to enqueue
// them; producers (the social service) import it, never mq/internal.
package jobtype

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
	"github.com/zeromicro/go-zero/core/stores/redis"
)

// TypeLikeFlush writes one user's pending likes to MySQL.
const TypeLikeFlush = "like:flush"

// likeFlushTimeout bounds one flush (one transaction and two Redis steps).
const likeFlushTimeout = time.Minute

// LikeFlushPayload is the payload of TypeLikeFlush.
type LikeFlushPayload struct {
	UserID int64 `json:"user_id"`
}

// EnqueueLikeFlush schedules the flush of user's likes at due. The task id is
// derived from the user and due, so concurrent armings of one deadline make one
// task (ErrTaskIDConflict is success). tag tells apart tasks armed for the same
// deadline by different paths: a running flush task still holds its own id, so
// the tasks it arms need another one.
func EnqueueLikeFlush(ctx context.Context, client *asynq.Client, userID int64, due time.Time, tag string) error {
	payload, err := json.Marshal(LikeFlushPayload{UserID: userID})
	if err != nil {
		return err
	}
	id := fmt.Sprintf("like-flush:%d:%d%s", userID, due.UnixMilli(), tag)
	// Asynq keeps whole seconds and would run the task up to 1 s early: round up.
	at := due.Truncate(time.Second)
	if at.Before(due) {
		at = at.Add(time.Second)
	}
	_, err = client.EnqueueContext(ctx, asynq.NewTask(TypeLikeFlush, payload), asynq.TaskID(id),
		asynq.ProcessAt(at), asynq.Timeout(likeFlushTimeout))
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return nil
	}
	return err
}

// ParseLikeFlush reads the payload of a TypeLikeFlush task.
func ParseLikeFlush(t *asynq.Task) (LikeFlushPayload, error) {
	var p LikeFlushPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.UserID <= 0 {
		return p, fmt.Errorf("like flush payload %q: %w", t.Payload(), asynq.SkipRetry)
	}
	return p, nil
}

// NewClient is the Asynq client of the data Redis, which holds the queues.
func NewClient(dataRedis redis.RedisConf) *asynq.Client {
	return asynq.NewClient(RedisOpt(dataRedis.Host, dataRedis.Pass))
}

// RedisOpt is the Asynq connection to the data Redis at addr.
func RedisOpt(addr, password string) asynq.RedisClientOpt {
	return asynq.RedisClientOpt{Addr: addr, Password: password}
}
