package envconf

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/zeromicro/go-zero/core/conf"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// defaultsOf parses defaults.env as ApplyDefaults does.
func defaultsOf(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, line := range strings.Split(defaults, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("defaults.env: %q is not KEY=value", line)
		}
		out[k] = v
	}
	return out
}

func TestApplyDefaultsFillsOnlyUnsetVariables(t *testing.T) {
	t.Setenv("MYSQL_PORT", "13306") // set: kept
	t.Setenv("MYSQL_PASSWORD", "")  // set to empty: kept empty
	t.Setenv("REDIS_PORT", "")
	os.Unsetenv("REDIS_PORT") // unset (t.Setenv restores it afterwards)
	t.Setenv("MYSQL_HOST", "")
	os.Unsetenv("MYSQL_HOST")
	t.Setenv("LIKE_SHARDS", "")
	os.Unsetenv("LIKE_SHARDS")

	ApplyDefaults()
	d := defaultsOf(t)
	for key, want := range map[string]string{
		"MYSQL_PORT": "13306", "MYSQL_PASSWORD": "",
		"REDIS_PORT": d["REDIS_PORT"], "MYSQL_HOST": d["MYSQL_HOST"], "LIKE_SHARDS": d["LIKE_SHARDS"],
	} {
		if got, ok := os.LookupEnv(key); !ok || got != want {
			t.Errorf("%s = %q (set %v), want %q", key, got, ok, want)
		}
	}
	if d["REDIS_PORT"] == "" || d["LIKE_SHARDS"] == "" {
		t.Fatalf("defaults.env lacks REDIS_PORT or LIKE_SHARDS: %v", d)
	}
}

// The keys every etc file shares, as go-zero reads them.
type storeKeys struct {
	ListenOn string `json:",optional"`
	Mysql    struct {
		DataSource string `json:",optional"`
	} `json:",optional"`
	DataRedis struct {
		Host string `json:",optional"`
	} `json:",optional"`
	LikeShards int `json:",optional"`
	DevServer  struct {
		Host string `json:",optional"`
	}
}

type process struct{ name, etc string }

func processes(t *testing.T) []process {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(), "deploy", "processes.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []process
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		out = append(out, process{f[0], f[2]})
	}
	if len(out) < 5 {
		t.Fatalf("deploy/processes.tsv lists %d processes", len(out))
	}
	return out
}

// Every etc file reads what the environment says: MYSQL_*, REDIS_*, LIKE_SHARDS
// and the listen addresses given to one process reach its config.
func TestEtcFilesTakeTheirValuesFromTheEnvironment(t *testing.T) {
	for k, v := range map[string]string{
		"MYSQL_HOST": "10.1.2.3", "MYSQL_PORT": "13306", "MYSQL_USER": "douyin", "MYSQL_PASSWORD": "pw",
		"MYSQL_DB": "douyin_x", "REDIS_HOST": "10.1.2.4", "REDIS_PORT": "16379", "LIKE_SHARDS": "7",
		"USER_RPC_ADDR": "127.0.0.1:18081", "VIDEO_RPC_ADDR": "127.0.0.1:18082", "SOCIAL_RPC_ADDR": "127.0.0.1:18083",
	} {
		t.Setenv(k, v)
	}
	ApplyDefaults() // the other variables, as MustLoad sets them
	withStore := 0
	for _, p := range processes(t) {
		var c storeKeys
		if err := conf.Load(filepath.Join(repoRoot(), p.etc), &c, conf.UseEnv()); err != nil {
			t.Fatalf("%s: %v", p.etc, err)
		}
		if c.DevServer.Host != "127.0.0.1" {
			t.Errorf("%s: DevServer (pprof, metrics) listens on %q, want 127.0.0.1 only", p.etc, c.DevServer.Host)
		}
		if c.Mysql.DataSource == "" {
			continue // the gateway has no MySQL
		}
		withStore++
		if want := "douyin:pw@tcp(10.1.2.3:13306)/douyin_x?"; !strings.HasPrefix(c.Mysql.DataSource, want) {
			t.Errorf("%s: Mysql.DataSource = %q, want it to start with %q", p.etc, c.Mysql.DataSource, want)
		}
		if c.DataRedis.Host != "10.1.2.4:16379" {
			t.Errorf("%s: DataRedis.Host = %q", p.etc, c.DataRedis.Host)
		}
		if p.name != "user-rpc" && c.LikeShards != 7 {
			t.Errorf("%s: LikeShards = %d, want LIKE_SHARDS (7)", p.etc, c.LikeShards)
		}
		if strings.HasSuffix(p.name, "-rpc") && !strings.HasPrefix(c.ListenOn, "127.0.0.1:1808") {
			t.Errorf("%s: ListenOn = %q", p.etc, c.ListenOn)
		}
	}
	if withStore != 4 {
		t.Fatalf("%d etc files have a MySQL DSN, want 4 (three services and the worker)", withStore)
	}
}

// Each ${VARIABLE} an etc file names has its line in defaults.env, so that a
// process started by hand never expands an unknown one to nothing silently.
func TestEveryVariableOfTheEtcFilesHasADefault(t *testing.T) {
	d := defaultsOf(t)
	ref := regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)
	for _, p := range processes(t) {
		b, err := os.ReadFile(filepath.Join(repoRoot(), p.etc))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
			if _, ok := d[m[1]]; !ok {
				t.Errorf("%s names $%s, which pkg/envconf/defaults.env does not declare", p.etc, m[1])
			}
		}
	}
}

// MustLoad expands the file's variables: the environment's where set, the
// defaults elsewhere.
func TestMustLoadExpandsSetVariablesAndDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.yaml")
	if err := os.WriteFile(path, []byte("Addr: ${MYSQL_HOST}:${MYSQL_PORT}\nShards: ${LIKE_SHARDS}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("MYSQL_HOST", "db.example")
	t.Setenv("MYSQL_PORT", "")
	os.Unsetenv("MYSQL_PORT")
	t.Setenv("LIKE_SHARDS", "9")
	var c struct {
		Addr   string
		Shards int
	}
	MustLoad(path, &c)
	if want := "db.example:" + defaultsOf(t)["MYSQL_PORT"]; c.Addr != want || c.Shards != 9 {
		t.Fatalf("loaded %+v, want Addr %q and Shards 9", c, want)
	}
}
