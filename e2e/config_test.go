package e2e

import (
	"context"
	"net/http"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// runRefused starts a process of the stack with the stack's environment plus
// vars and answers its output, failing unless it exits with an error at once (it refused its config).
func runRefused(t *testing.T, st *testenv.Stack, name string, vars ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	root := testenv.RepoRoot()
	cmd := exec.CommandContext(ctx, filepath.Join(root, "bin", name), "-f", st.Config(name))
	cmd.Dir = root
	cmd.Env = append(append(append([]string{}, st.Env()...), ownListeners(t)...), vars...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("%s %v kept running: it should have refused its config\n%s", name, vars, out)
	}
	if err == nil {
		t.Fatalf("%s %v exited successfully: it should have refused its config\n%s", name, vars, out)
	}
	return string(out)
}

// ownListeners are free ports for every address a process listens on, so that
// a process started beside the stack never takes the stack's.
func ownListeners(t *testing.T) []string {
	t.Helper()
	var vars []string
	for _, variable := range []string{"GATEWAY_PORT", "ASYNQMON_ADDR", "USER_RPC_ADDR", "VIDEO_RPC_ADDR", "SOCIAL_RPC_ADDR"} {
		port, err := testenv.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		value := strconv.Itoa(port)
		if strings.HasSuffix(variable, "_ADDR") {
			value = "127.0.0.1:" + value
		}
		vars = append(vars, variable+"="+value)
	}
	return append(vars, "DEV_SERVER_ENABLED=false")
}

// The gateway and the worker refuse a secret that shipped with the repository,
// a short one or none, and say which variable sets it.
func TestProcessesRefuseKnownShortOrMissingSecrets(t *testing.T) {
	st := testenv.Get().Stack(t)
	for _, c := range []struct {
		process, variable, value string
	}{
		{"douyin-api", "ACCESS_SECRET", "change-me-douyin-zero-secret"},
		{"douyin-api", "ACCESS_SECRET", strings.Repeat("k", 31)},
		{"douyin-api", "ACCESS_SECRET", ""},
		{"douyin-mq", "ASYNQMON_PASSWORD", "admin"},
		{"douyin-mq", "ASYNQMON_PASSWORD", "change-me-in-a-secret"},
		{"douyin-mq", "ASYNQMON_PASSWORD", strings.Repeat("p", 20)},
	} {
		out := runRefused(t, st, c.process, c.variable+"="+c.value)
		if !strings.Contains(out, "set "+c.variable) {
			t.Errorf("%s with %s=%q: the refusal does not say to set %s:\n%s", c.process, c.variable, c.value, c.variable, out)
		}
		if c.value != "" && strings.Contains(out, c.value) {
			t.Errorf("%s: the refusal prints the secret:\n%s", c.process, out)
		}
	}
}

// asynqmon shows the queues but, unless configured otherwise, changes nothing.
func TestAsynqmonIsReadOnly(t *testing.T) {
	st := testenv.Get().Stack(t)
	url := "http://127.0.0.1:" + strconv.Itoa(st.Ports["admin"]) + "/asynqmon/api/queues/default"
	var resp *http.Response
	deadline := time.Now().Add(20 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodDelete, url, nil)
		req.SetBasicAuth(st.AdminUser, st.AdminPassword)
		var err error
		if resp, err = http.DefaultClient.Do(req); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond) // the worker may still be starting
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("DELETE of a queue through asynqmon: %s, want 405 (read-only)", resp.Status)
	}
}

// The processes that write DataRedis refuse one that keeps nothing on disk (the
// test's private Redis is such a one) unless REDIS_ALLOW_VOLATILE says so, and
// say how to fix it.
func TestProcessesThatWriteDataRedisRefuseAVolatileOne(t *testing.T) {
	st := testenv.Get().Stack(t)
	for _, process := range []string{"social-rpc", "douyin-mq"} {
		out := runRefused(t, st, process, "REDIS_ALLOW_VOLATILE=false")
		if !strings.Contains(out, "appendonly no") || !strings.Contains(out, "REDIS_ALLOW_VOLATILE=true") {
			t.Errorf("%s on a volatile DataRedis: the refusal does not name the setting and the fix:\n%s", process, out)
		}
	}
}

// Every process that reads likes refuses another shard count than the
// database's recorded layout, naming both fixes: the processes would
// otherwise read and write likes in the wrong tables.
func TestProcessesRefuseAnotherLikeShardCount(t *testing.T) {
	st := testenv.Get().Stack(t)
	env := testenv.Get()
	other := env.LikeShards*2 + 1
	for _, process := range []string{"social-rpc", "video-rpc", "douyin-mq"} {
		out := runRefused(t, st, process, "LIKE_SHARDS="+strconv.Itoa(other))
		if !strings.Contains(out, "LIKE_SHARDS="+strconv.Itoa(env.LikeShards)) ||
			!strings.Contains(out, "make reshard TO="+strconv.Itoa(other)) {
			t.Errorf("%s with LIKE_SHARDS=%d: the refusal does not name both fixes:\n%s", process, other, out)
		}
	}
}
