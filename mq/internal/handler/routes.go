package handler

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"

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

// AdminHandler serves asynqmon under the configured path, behind basic auth.
func AdminHandler(svcCtx *svc.ServiceContext) http.Handler {
	c := svcCtx.Config
	root := "/" + strings.Trim(c.Admin.Path, "/")
	mon := asynqmon.New(asynqmon.Options{
		RootPath:     root,
		RedisConnOpt: jobtype.RedisOpt(c.DataRedis.Host, c.DataRedis.Pass),
	})
	mux := http.NewServeMux()
	mux.Handle(root+"/", mon)
	mux.Handle(root, http.RedirectHandler(root+"/", http.StatusFound))
	return basicAuth(mux, c.Admin.Username, c.Admin.Password)
}

func basicAuth(next http.Handler, username, password string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if !ok || subtle.ConstantTimeCompare([]byte(u), []byte(username)) != 1 ||
			subtle.ConstantTimeCompare([]byte(p), []byte(password)) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="asynqmon"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
