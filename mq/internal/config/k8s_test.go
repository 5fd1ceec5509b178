package config

import (
	"fmt"
	"testing"

	"douyin/pkg/k8senv"
)

// The worker's pod (deploy/k8s) loads its ConfigMap entry into Config (its
// Validate refuses weak asynqmon credentials): asynqmon on the container's
// port with the Secret's credentials, read-only, the gateway's media volume,
// and the MySQL and Redis of douyin.env.
func TestKubernetesPodConfig(t *testing.T) {
	var c Config
	pod := k8senv.Load(t, "douyin-mq", &c)
	pod.CheckService(t, c.ServiceConf)
	pod.CheckStores(t, c.Mysql.DataSource, c.DataRedis.Pass)
	if want := fmt.Sprintf("0.0.0.0:%d", pod.Ports["asynqmon"]); c.Admin.Addr != want {
		t.Errorf("Admin.Addr %q, want %q (the container's asynqmon port)", c.Admin.Addr, want)
	}
	if c.Media.StorageDir != pod.Mounts["media"] {
		t.Errorf("Media.StorageDir %q is not the gateway's media volume (%q)", c.Media.StorageDir, pod.Mounts["media"])
	}
	if c.Admin.Username != pod.Secrets["ASYNQMON_USER"] || c.Admin.Password != pod.Secrets["ASYNQMON_PASSWORD"] || !c.Admin.ReadOnly {
		t.Error("asynqmon does not take the Secret's credentials, or is not read-only")
	}
}
