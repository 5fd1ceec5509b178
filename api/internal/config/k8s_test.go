package config

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"douyin/pkg/k8senv"
	"douyin/pkg/secret"
)

// The gateway's pod (deploy/k8s) loads its ConfigMap entry into Config: the
// services are found through Kubernetes at the ports their pods listen on,
// the secret is the Secret's, media live on the volume, load shedding is on,
// and SIGTERM lets the longest upload finish.
func TestKubernetesPodConfig(t *testing.T) {
	var c Config
	pod := k8senv.Load(t, "douyin-api", &c)
	pod.CheckService(t, c.ServiceConf)
	pod.CheckShedding(t, c.CpuThreshold)
	if c.Port != pod.Ports["http"] {
		t.Errorf("Port %d, the container's http port is %d", c.Port, pod.Ports["http"])
	}
	for name, client := range map[string]targetOrError{
		"user-rpc": target(c.UserRpc.BuildTarget()), "video-rpc": target(c.VideoRpc.BuildTarget()),
		"social-rpc": target(c.SocialRpc.BuildTarget()),
	} {
		want := fmt.Sprintf("k8s://douyin/%s:%d", name, k8senv.Read(t, name).Ports["grpc"])
		if client.err != nil || client.target != want {
			t.Errorf("the gateway calls %s at %q (%v), want %q", name, client.target, client.err, want)
		}
	}
	if c.Auth.AccessSecret != pod.Secrets["ACCESS_SECRET"] || secret.Check("AccessSecret", "ACCESS_SECRET", c.Auth.AccessSecret) != nil {
		t.Error("Auth.AccessSecret is not the Secret's ACCESS_SECRET")
	}
	if c.LockRedis.Pass != pod.Secrets["REDIS_PASSWORD"] || !strings.HasPrefix(c.LockRedis.Host, pod.Env["REDIS_HOST"]+":") {
		t.Errorf("LockRedis is %s, not douyin.env's Redis with the Secret's password", c.LockRedis.Host)
	}
	if c.Media.StorageDir != pod.Mounts["media"] {
		t.Errorf("Media.StorageDir %q is not the media volume (%q)", c.Media.StorageDir, pod.Mounts["media"])
	}
	// go-zero starts draining WrapUpTime after SIGTERM and kills itself at
	// WaitTime: an upload may take the longest route timeout (Timeout).
	if longest := time.Duration(c.Timeout) * time.Millisecond; c.Shutdown.WaitTime-c.Shutdown.WrapUpTime <= longest {
		t.Errorf("Shutdown.WaitTime %v leaves less than the longest upload (%v) after WrapUpTime", c.Shutdown.WaitTime, longest)
	}
}

type targetOrError = struct {
	target string
	err    error
}

func target(t string, err error) targetOrError { return targetOrError{t, err} }
