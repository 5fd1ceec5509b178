package durability

import (
	"context"
	"strings"
	"testing"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/testenv"
)

func start(t *testing.T, args ...string) *redis.Redis {
	t.Helper()
	srv, err := testenv.StartRedis(args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return redis.MustNewRedis(redis.RedisConf{Host: srv.Addr, Type: redis.NodeType})
}

func TestDurableRedisIsAccepted(t *testing.T) {
	rds := start(t, "--appendonly", "yes", "--maxmemory-policy", "noeviction")
	if err := RequireDurableRedis(context.Background(), rds, "DataRedis", false); err != nil {
		t.Fatal(err)
	}
}

func TestVolatileRedisIsRefusedUnlessAllowed(t *testing.T) {
	for name, args := range map[string][]string{
		"appendonly no":       {"--appendonly", "no", "--maxmemory-policy", "noeviction"},
		"evicts under memory": {"--appendonly", "yes", "--maxmemory-policy", "allkeys-lru"},
	} {
		t.Run(name, func(t *testing.T) {
			rds := start(t, args...)
			err := RequireDurableRedis(context.Background(), rds, "DataRedis", false)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, want := range []string{"DataRedis", "appendonly yes", "noeviction", "REDIS_ALLOW_VOLATILE=true"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the refusal does not say %q: %v", want, err)
				}
			}
			if err := RequireDurableRedis(context.Background(), rds, "DataRedis", true); err != nil {
				t.Fatalf("refused although allowed: %v", err)
			}
		})
	}
}

func TestModeIsWhatRedisIsConfiguredWith(t *testing.T) {
	rds := start(t, "--appendonly", "yes", "--appendfsync", "always", "--maxmemory-policy", "allkeys-lru")
	m, err := ReadMode(context.Background(), rds)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Mode{AppendOnly: "yes", AppendFsync: "always", MaxmemoryPolicy: "allkeys-lru"}); m != want {
		t.Errorf("mode %+v, want %+v", m, want)
	}
	if m.Durable() {
		t.Error("a Redis that evicts keys is called durable")
	}
}
