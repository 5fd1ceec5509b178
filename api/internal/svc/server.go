package svc

import (
	"net/http"
	"strings"

	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/rest/router"

	"douyin/api/internal/middleware"
	"douyin/pkg/response"
)

// ServerOptions wraps go-zero's router so its bare 413/503/500 replies become
// JSON envelopes, and serves media files where no route matches.
func (s *ServiceContext) ServerOptions() []rest.RunOption {
	return []rest.RunOption{
		rest.WithRouter(response.Router(router.NewRouter())),
		rest.WithNotFoundHandler(http.HandlerFunc(s.serveMediaOrNotFound)),
	}
}

// Use adds the server-wide middlewares.
func (s *ServiceContext) Use(server *rest.Server) {
	server.Use(middleware.NewAccessLogMiddleware(s.Config.SlowRequestMs).Handle)
}

func (s *ServiceContext) serveMediaOrNotFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, MediaPathPrefix) && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		s.Media.ServeHTTP(w, r)
		return
	}
	response.NotFound(w, r)
}
