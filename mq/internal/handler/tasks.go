// Package handler connects the worker's inputs to its logic: the Asynq task
// types (tasks.go) and the asynqmon admin UI (asynqmon.go). It is hand-written:
// goctl has no generator for an Asynq worker.
package handler

import (
	"context"

	"github.com/hibiken/asynq"

	"douyin/mq/internal/logic"
	"douyin/mq/internal/svc"
	"douyin/mq/jobtype"
)

// RegisterHandlers routes every task type to its logic.
func RegisterHandlers(mux *asynq.ServeMux, svcCtx *svc.ServiceContext) {
	mux.HandleFunc(jobtype.TypeLikeFlush, func(ctx context.Context, t *asynq.Task) error {
		p, err := jobtype.ParseLikeFlush(t)
		if err != nil {
			return err
		}
		return logic.NewLikeFlushLogic(ctx, svcCtx).LikeFlush(p.UserID)
	})
}
