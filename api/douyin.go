// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package main

import (
	"flag"
	"fmt"
	"net/http"

	"github.com/zeromicro/go-zero/core/service"
	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/rest/router"

	"douyin/api/internal/config"
	"douyin/api/internal/handler"
	"douyin/api/internal/svc"
	"douyin/pkg/envconf"
	"douyin/pkg/response"
)

var configFile = flag.String("f", "etc/douyin-api.yaml", "the config file")

func main() {
	flag.Parse()

	var c config.Config
	envconf.MustLoad(*configFile, &c)

	ctx := svc.NewServiceContext(c)
	server := rest.MustNewServer(c.RestConf,
		// go-zero's bare 413/503/500 replies become the app's JSON envelopes.
		rest.WithRouter(response.Router(router.NewRouter())),
		// Where no route matches, the stored media files are served.
		rest.WithNotFoundHandler(ctx.Media.Handler(http.HandlerFunc(response.NotFound))),
	)
	server.Use(ctx.AccessLog)
	server.Use(ctx.Origin)
	handler.RegisterHandlers(server, ctx)

	// The server and the media sweeper start and stop together.
	group := service.NewServiceGroup()
	defer group.Stop()
	group.Add(server)
	group.Add(ctx.Sweeper)

	fmt.Printf("Starting server at %s:%d...\n", c.Host, c.Port)
	group.Start()
}
