package main

import (
	"flag"
	"fmt"

	"douyin/pkg/envconf"
	"douyin/rpc/user/internal/config"
	"douyin/rpc/user/internal/server"
	"douyin/rpc/user/internal/svc"
	"douyin/rpc/user/pb"

	"github.com/zeromicro/go-zero/core/service"
	"github.com/zeromicro/go-zero/zrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/reflection"
)

var configFile = flag.String("f", "etc/user.yaml", "the config file")

func main() {
	flag.Parse()

	var c config.Config
	// The etc file's ${VARIABLES} come from the environment, with local defaults.
	envconf.MustLoad(*configFile, &c)
	ctx := svc.NewServiceContext(c)

	s := zrpc.MustNewServer(c.RpcServerConf, func(grpcServer *grpc.Server) {
		pb.RegisterUserServer(grpcServer, server.NewUserServer(ctx))

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
