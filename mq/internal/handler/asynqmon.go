package handler

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/hibiken/asynqmon"

	"douyin/mq/internal/svc"
	"douyin/mq/jobtype"
)

// AdminHandler serves asynqmon under the configured path, behind basic auth,
// read-only unless configured otherwise.
func AdminHandler(svcCtx *svc.ServiceContext) http.Handler {
	c := svcCtx.Config
	root := "/" + strings.Trim(c.Admin.Path, "/")
	mon := asynqmon.New(asynqmon.Options{
		RootPath:     root,
		RedisConnOpt: jobtype.RedisOpt(c.DataRedis.Host, c.DataRedis.Pass),
		// Read-only: deleting or running tasks by hand can lose or double likes.
		ReadOnly: c.Admin.ReadOnly,
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
