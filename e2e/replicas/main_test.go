// Package replicas runs every RPC service twice, registered in a private etcd,
// with the gateway discovering them (make up REPLICAS=2), and stops and kills
// one instance of each under load. Its own package: it kills processes of its
// stack freely.
package replicas

import (
	"os"
	"testing"

	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) {
	testenv.StackReplicas = 2
	// Short flush delays: the test reads the acknowledged likes back from MySQL.
	testenv.StackEnv = map[string]string{"LIKE_FLUSH_DELAY": "500ms", "LIKE_FLUSH_MAX_DELAY": "2s"}
	os.Exit(testenv.Main(m))
}
