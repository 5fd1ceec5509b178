package main

import (
	"flag"
	"fmt"

	"douyin/pkg/envconf"
	"douyin/rpc/video/internal/config"
	"douyin/rpc/video/internal/server"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"

	"github.com/zeromicro/go-zero/core/service"
	"github.com/zeromicro/go-zero/zrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/reflection"
)

var configFile = flag.String("f", "etc/video.yaml", "the config file")

func main() {
	flag.Parse()

	var c config.Config
	// The etc file's ${VARIABLES} come from the environment, with local defaults.
	envconf.MustLoad(*configFile, &c)
	ctx := svc.NewServiceContext(c)

	s := zrpc.MustNewServer(c.RpcServerConf, func(grpcServer *grpc.Server) {
		pb.RegisterVideoServer(grpcServer, server.NewVideoServer(ctx))

		if c.Mode == service.DevMode || c.Mode == service.TestMode {
			reflection.Register(grpcServer)
		}
	})
	// Message sizes are set on purpose, as the gateway's clients set theirs;
	// the list caps keep every answer well below them.
	s.AddOptions(grpc.MaxRecvMsgSize(c.MaxMsgBytes), grpc.MaxSendMsgSize(c.MaxMsgBytes))
	defer s.Stop()

	fmt.Printf("Starting rpc server at %s...\n", c.ListenOn)
	s.Start()
}
