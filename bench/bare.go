package main

import (
	"net"
	"net/http"
	"os"
	"strconv"

	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/rest/httpx"
	"github.com/zeromicro/go-zero/zrpc"
	"google.golang.org/grpc/health/grpc_health_v1"

	"douyin/pkg/envconf"
)

const (
	bareHandler   = "bare go-zero handler"
	bareRoundTrip = "bare gateway→zrpc round trip"
)

// The baselines run first (bare.go is the first file, so its init is too).
func init() {
	register(Scenario{Name: bareHandler, Baseline: true, Setup: func(b *Bench) (Request, error) {
		return get(b.BareURL+"/bare/handler", nil), nil
	}})
	register(Scenario{Name: bareRoundTrip, Baseline: true, Setup: func(b *Bench) (Request, error) {
		return get(b.BareURL+"/bare/rpc", nil), nil
	}})
}

// runBareServers serves the two baselines: /bare/handler answers a fixed
// envelope; /bare/rpc makes one zrpc call (gRPC health check of the real user
// service) first. Server and client run with the gateway's own etc file
// (args[1]; the client is its UserRpc): the same middlewares, interceptors,
// logging, tracing and shedding settings, so the ratios measure what an
// endpoint does, not how the server is configured. (A client built from a bare
// RpcClientConf literal has none of go-zero's interceptors: its defaults apply
// only to configs loaded by conf.)
func runBareServers(args []string) {
	port, err := strconv.Atoi(args[0])
	if err != nil {
		panic(err)
	}
	var c struct {
		rest.RestConf
		UserRpc zrpc.RpcClientConf
	}
	envconf.MustLoad(args[1], &c)
	c.Name, c.Host, c.Port = "bare", "127.0.0.1", port
	c.Timeout, c.MaxBytes = 3000, 65536 // what the gateway's JSON routes set
	// bench -metrics: metrics on, as in the gateway, on a DevServer port of its own.
	if c.DevServer.Enabled {
		if c.DevServer.Port, err = freePort(); err != nil {
			panic(err)
		}
	}
	server := rest.MustNewServer(c.RestConf)
	client := zrpc.MustNewClient(c.UserRpc)
	health := grpc_health_v1.NewHealthClient(client.Conn())
	server.AddRoutes([]rest.Route{
		{Method: http.MethodGet, Path: "/bare/handler", Handler: func(w http.ResponseWriter, r *http.Request) {
			httpx.OkJsonCtx(r.Context(), w, envelope{})
		}},
		{Method: http.MethodGet, Path: "/bare/rpc", Handler: healthCheck(health)},
	})
	server.Start()
	os.Exit(0)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
