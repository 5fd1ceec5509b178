// Package scripts tests the shell library of the run scripts (lib.sh) against
// real servers: the secrets file and the switch away from a volatile Redis.
package scripts

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/testenv"
)

func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// lib runs a bash snippet after sourcing lib.sh, with DATA_DIR and LOG_DIR in
// a temporary folder and the given variables; it answers the combined output.
func lib(t *testing.T, data string, snippet string, vars ...string) string {
	t.Helper()
	cmd := exec.Command("bash", "-c", "set -euo pipefail; source lib.sh; "+snippet)
	cmd.Dir = dir()
	cmd.Env = append(os.Environ(), append([]string{"DATA_DIR=" + data, "LOG_DIR=" + filepath.Join(data, "logs")}, vars...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", snippet, err, out)
	}
	return string(out)
}

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

func TestSecretsAreMadeOnceRandomPrivateAndTheEnvironmentWins(t *testing.T) {
	data := t.TempDir()
	show := `ensure_secrets 2>/dev/null; echo "$ACCESS_SECRET $ASYNQMON_USER $ASYNQMON_PASSWORD"`
	first := strings.Fields(lib(t, data, show))
	if len(first) != 3 || !hex64.MatchString(first[0]) || !hex64.MatchString(first[2]) || first[1] == "" {
		t.Fatalf("secrets %q: want a 64-hex AccessSecret, a user and a 64-hex password", first)
	}
	info, err := os.Stat(filepath.Join(data, "secrets.env"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("secrets.env has mode %v, want 0600", info.Mode().Perm())
	}
	if again := strings.Fields(lib(t, data, show)); strings.Join(again, " ") != strings.Join(first, " ") {
		t.Fatalf("a second run changed the secrets: %q then %q", first, again)
	}
	mine := strings.Repeat("m", 40)
	if got := strings.Fields(lib(t, data, show, "ACCESS_SECRET="+mine)); got[0] != mine {
		t.Fatalf("ACCESS_SECRET from the environment lost to the file: %q", got[0])
	}
	if other := strings.Fields(lib(t, t.TempDir(), show)); other[0] == first[0] {
		t.Fatal("two fresh secrets files hold the same AccessSecret")
	}
}

func TestAVolatileRedisIsReplacedByAPrivateDurableOne(t *testing.T) {
	volatile, err := testenv.StartRedis() // appendonly no
	if err != nil {
		t.Fatal(err)
	}
	defer volatile.Stop()
	port := volatile.Addr[strings.LastIndexByte(volatile.Addr, ':')+1:]
	private, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	vars := []string{"REDIS_HOST=127.0.0.1", "REDIS_PORT=" + port, "REDIS_PRIVATE_PORT=" + strconv.Itoa(private),
		"REDIS_PASSWORD=", "REDIS_ALLOW_VOLATILE=false"}
	defer func() {
		down := exec.Command("bash", "down.sh")
		down.Dir, down.Env = dir(), append(os.Environ(), "DATA_DIR="+data, "LOG_DIR="+filepath.Join(data, "logs"))
		if out, err := down.CombinedOutput(); err != nil {
			t.Errorf("down.sh: %v\n%s", err, out)
		}
	}()

	out := lib(t, data, `ensure_durable_redis; echo "use $REDIS_HOST:$REDIS_PORT"`, vars...)
	if !strings.Contains(out, "volatile") || !strings.Contains(out, "use 127.0.0.1:"+strconv.Itoa(private)) {
		t.Fatalf("the scripts did not switch to a private Redis on %d, or did not say so:\n%s", private, out)
	}
	rds := redis.MustNewRedis(redis.RedisConf{Host: "127.0.0.1:" + strconv.Itoa(private), Type: redis.NodeType})
	reply, err := rds.Do("CONFIG", "GET", "appendonly")
	if err != nil || !strings.Contains(fmt.Sprint(reply), "yes") {
		t.Fatalf("the private Redis: CONFIG GET appendonly = %v, %v", reply, err)
	}

	out = lib(t, data, `ensure_durable_redis; echo "use $REDIS_HOST:$REDIS_PORT"`, append(vars, "REDIS_ALLOW_VOLATILE=true")...)
	if !strings.Contains(out, "use 127.0.0.1:"+port) || !strings.Contains(out, "warning") {
		t.Fatalf("REDIS_ALLOW_VOLATILE=true: want the volatile Redis used with a warning:\n%s", out)
	}
}
