package rediscoll

import (
	"context"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// Among tells which of ids are in owner's set.
func (c *IDSet) Among(ctx context.Context, owner int64, ids []int64) (map[int64]bool, error) {
	if owner <= 0 || len(ids) == 0 {
		return map[int64]bool{}, nil
	}
	var flags func() ([]bool, error)
	if err := c.rds.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
		flags = c.QueueAmong(ctx, p, owner, ids)
		return nil
	}); err != nil {
		return nil, err
	}
	return c.AmongResult(ctx, owner, ids, flags)
}

// QueueAmong adds Among's query to a pipeline; AmongResult reads its answer.
// One SMISMEMBER asks for the loaded marker too: no script, and the marker and
// the members are read at one instant.
func (c *IDSet) QueueAmong(ctx context.Context, p redis.Pipeliner, owner int64, ids []int64) func() ([]bool, error) {
	members := make([]any, 0, len(ids)+1)
	members = append(members, LoadedMarker)
	for _, id := range ids {
		members = append(members, id)
	}
	return p.SMIsMember(ctx, c.key(owner), members...).Result
}

// AmongResult answers QueueAmong's query, loading a set that is not loaded.
func (c *IDSet) AmongResult(ctx context.Context, owner int64, ids []int64, flags func() ([]bool, error)) (map[int64]bool, error) {
	in := make(map[int64]bool, len(ids))
	if answer, err := flags(); err == nil && len(answer) == len(ids)+1 && answer[0] {
		for i, member := range answer[1:] {
			if member {
				in[ids[i]] = true
			}
		}
		return in, nil
	}
	members, err := c.fill(ctx, owner) // not loaded yet
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := members[id]; ok {
			in[id] = true
		}
	}
	return in, nil
}

func (c *IDSet) fill(ctx context.Context, owner int64) (map[int64]struct{}, error) {
	token, err := c.takeGuard(ctx, owner)
	if err != nil {
		return nil, err
	}
	ids, err := c.load(ctx, owner)
	if err != nil {
		return nil, err
	}
	members := make(map[int64]struct{}, len(ids))
	args := make([]any, 0, len(ids)+3)
	args = append(args, token, int(c.ttl/time.Second), LoadedMarker)
	for _, id := range ids {
		members[id] = struct{}{}
		args = append(args, id)
	}
	if _, err := c.rds.ScriptRunCtx(ctx, setFillScript, []string{c.key(owner), c.guard(owner)}, args...); err != nil {
		return nil, err
	}
	return members, nil
}
