// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package main

import (
	"flag"
	"fmt"

	"douyin/api/internal/config"
	"douyin/api/internal/handler"
	"douyin/api/internal/svc"

	"github.com/zeromicro/go-zero/core/conf"
	"github.com/zeromicro/go-zero/rest"
)

var configFile = flag.String("f", "etc/douyin-api.yaml", "the config file")

func main() {
	flag.Parse()

	var c config.Config
	conf.MustLoad(*configFile, &c)

	ctx := svc.NewServiceContext(c)
	// The service context adds what the app needs around go-zero's server: the
	// JSON envelope for bare replies, media files, a redacting access log.
	server := rest.MustNewServer(c.RestConf, ctx.ServerOptions()...)
	defer server.Stop()

	ctx.Use(server)
	handler.RegisterHandlers(server, ctx)

	fmt.Printf("Starting server at %s:%d...\n", c.Host, c.Port)
	server.Start()
}
