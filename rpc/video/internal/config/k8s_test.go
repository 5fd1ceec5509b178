package config

import (
	"testing"

	"douyin/pkg/k8senv"
)

// The pod of deploy/k8s loads its ConfigMap entry into Config: it listens on
// its container port, sheds load, and reaches douyin.env's MySQL and Redis
// with the Secret's passwords.
func TestKubernetesPodConfig(t *testing.T) {
	var c Config
	k8senv.Load(t, "video-rpc", &c).CheckRPCServer(t, c.RpcServerConf, c.Mysql.DataSource, c.DataRedis.Pass)
}
