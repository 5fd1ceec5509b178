package replicas

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zeromicro/go-zero/core/conf"
	"github.com/zeromicro/go-zero/zrpc"
	"github.com/zeromicro/go-zero/zrpc/resolver"

	"douyin/pkg/envconf"
	"douyin/pkg/testenv"
)

// The RPC clients of the gateway's etc file.
type gatewayClients struct {
	UserRpc, VideoRpc, SocialRpc zrpc.RpcClientConf
}

func loadEtc(t *testing.T, file string, v any) {
	t.Helper()
	envconf.ApplyDefaults()
	if err := conf.Load(filepath.Join(testenv.RepoRoot(), file), v, conf.UseEnv()); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// The same etc files run both ways. Direct (ETCD_HOSTS empty, the default):
// the services register nothing and the gateway calls *_RPC_ADDR (a list works
// too). Through etcd: the services register ListenOn under their key and the
// gateway, with *_RPC_ADDR empty, resolves that key: go-zero's client takes
// Endpoints first, so an empty variable must leave a really empty list.
func TestEtcFilesSwitchBetweenEndpointsAndEtcd(t *testing.T) {
	t.Setenv("ETCD_HOSTS", "")
	t.Setenv("USER_RPC_ADDR", "127.0.0.1:18081,127.0.0.1:18181")
	t.Setenv("VIDEO_RPC_ADDR", "127.0.0.1:18082")
	t.Setenv("SOCIAL_RPC_ADDR", "127.0.0.1:18083")
	var direct gatewayClients
	loadEtc(t, "api/etc/douyin-api.yaml", &direct)
	for client, want := range map[*zrpc.RpcClientConf]string{
		&direct.UserRpc:   resolver.BuildDirectTarget([]string{"127.0.0.1:18081", "127.0.0.1:18181"}),
		&direct.VideoRpc:  resolver.BuildDirectTarget([]string{"127.0.0.1:18082"}),
		&direct.SocialRpc: resolver.BuildDirectTarget([]string{"127.0.0.1:18083"}),
	} {
		if got, err := client.BuildTarget(); err != nil || got != want {
			t.Errorf("direct mode: the gateway's target is %q (%v), want %q", got, err, want)
		}
	}
	services := map[string]string{"rpc/user/etc/user.yaml": "user.rpc", "rpc/video/etc/video.yaml": "video.rpc",
		"rpc/social/etc/social.yaml": "social.rpc"}
	for file := range services {
		var server zrpc.RpcServerConf
		loadEtc(t, file, &server)
		if server.HasEtcd() {
			t.Errorf("direct mode: %s registers in etcd %v", file, server.Etcd.Hosts)
		}
	}

	etcd := []string{"127.0.0.1:2379", "127.0.0.1:22379"}
	t.Setenv("ETCD_HOSTS", strings.Join(etcd, ","))
	for file, key := range services {
		var server zrpc.RpcServerConf
		loadEtc(t, file, &server)
		if !server.HasEtcd() || len(server.Etcd.Hosts) != 2 || server.Etcd.Key != key {
			t.Errorf("etcd mode: %s registers as %+v, want both hosts and key %s", file, server.Etcd, key)
		}
	}
	for _, v := range []string{"USER_RPC_ADDR", "VIDEO_RPC_ADDR", "SOCIAL_RPC_ADDR"} {
		t.Setenv(v, "") // the gateway of make up REPLICAS=2
	}
	var discovered gatewayClients
	loadEtc(t, "api/etc/douyin-api.yaml", &discovered)
	for client, want := range map[*zrpc.RpcClientConf]string{
		&discovered.UserRpc:   resolver.BuildDiscovTarget(etcd, "user.rpc"),
		&discovered.VideoRpc:  resolver.BuildDiscovTarget(etcd, "video.rpc"),
		&discovered.SocialRpc: resolver.BuildDiscovTarget(etcd, "social.rpc"),
	} {
		if len(client.Endpoints) != 0 {
			t.Errorf("etcd mode: the gateway keeps endpoints %q", client.Endpoints)
		}
		if got, err := client.BuildTarget(); err != nil || got != want {
			t.Errorf("etcd mode: the gateway's target is %q (%v), want %q", got, err, want)
		}
	}
}
