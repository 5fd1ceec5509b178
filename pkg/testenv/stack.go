package testenv

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Stack is every douyin-zero process, started from the binaries in bin/ against
// the test environment, the way `make up` starts them: each runs its real etc
// file, configured by environment variables (the test database, the private
// Redis, free ports, a random secret). With StackReplicas above 1, each RPC
// service runs that many instances registered in a private etcd.
type Stack struct {
	BaseURL    string // the gateway, e.g. http://127.0.0.1:41234
	StorageDir string // the gateway's media folder
	LogDir     string
	Ports      map[string]int // by instance name (user-rpc, user-rpc-2, ...); "admin" is asynqmon's
	// DevPorts are the DevServer ports (/metrics, /healthz) by instance name,
	// with StackDevServers; empty otherwise (the DevServers are off).
	DevPorts map[string]int
	// EtcdAddr is the private etcd the services register in ("" without replicas).
	EtcdAddr string
	// Nats is the stack's private nats-server (NATS_URL): tests stop and start it.
	Nats *NatsServer
	// The stack's own random secrets: the gateway's token secret and asynqmon's
	// credentials.
	AccessSecret, AdminUser, AdminPassword string
	procs                                  map[string]*exec.Cmd
	instances                              map[string]instance
	env                                    []string
	etcd                                   *EtcdServer
	binDir                                 string // where its binaries are: bin/, or bin/tags-<tags>/
}

// instance is one process of the stack: its binary, etc file, and the
// variables it runs with over the stack's own.
type instance struct {
	binary, etcFile string
	env             []string
}

var stackOnce sync.Once

// TestMaxUploadBytes is the gateway's upload limit in the test stack.
const TestMaxUploadBytes = 4 << 20

// StackUploadLimit is the upload limit the next stack starts with.
var StackUploadLimit = TestMaxUploadBytes

// unlimited is a rate-limit quota that no test reaches.
const unlimited = "1000000000"

// StackEnv are variables the next stack starts with, over the test stack's own
// (a test package's TestMain sets them: DevServers on free ports, short flush
// delays).
var StackEnv map[string]string

// StackReplicas is the number of instances of each RPC service the next stack
// starts. Above 1 the stack starts a private etcd (ETCD_HOSTS): each instance
// listens on its own port and registers there, and the gateway, whose
// *_RPC_ADDR are empty, discovers them, as make up REPLICAS=2 runs them. The
// instances are named <binary>, <binary>-2, ...
var StackReplicas = 1

// StackDevServers turns the next stack's DevServers on, each instance's on a
// free port (Stack.DevPorts), as Prometheus scrapes them.
var StackDevServers bool

// StackBuildTags are build tags the next stack's binaries are built with, after
// no_k8s (the load harness measures a build with "nometrics"). Such binaries
// go to bin/tags-<tags>/, so that other stacks never start them.
var StackBuildTags []string

// Stack starts the processes once per test process; Main stops them.
func (e *Env) Stack(tb testing.TB) *Stack {
	tb.Helper()
	var err error
	stackOnce.Do(func() { e.stack, err = e.startStack() })
	if err != nil {
		tb.Fatal(err)
	}
	if e.stack == nil {
		tb.Fatal("testenv: the stack failed to start earlier")
	}
	return e.stack
}

// StartStack starts the processes outside of tests (the load harness).
func (e *Env) StartStack() (*Stack, error) {
	var err error
	e.stack, err = e.startStack()
	return e.stack, err
}

func (e *Env) startStack() (*Stack, error) {
	processes, err := ReadProcesses(e.Root)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "douyin-stack-")
	if err != nil {
		return nil, err
	}
	st := &Stack{
		StorageDir:    filepath.Join(tmp, "storage"),
		LogDir:        filepath.Join(tmp, "logs"),
		Ports:         map[string]int{},
		DevPorts:      map[string]int{},
		AccessSecret:  randomSecret(),
		AdminUser:     "admin-" + randomSecret()[:8],
		AdminPassword: randomSecret(),
		procs:         map[string]*exec.Cmd{},
		instances:     map[string]instance{},
	}
	_ = os.MkdirAll(st.LogDir, 0o755)
	for _, name := range []string{"douyin-api", "admin"} {
		if st.Ports[name], err = FreePort(); err != nil {
			return nil, err
		}
	}
	// Each instance of an RPC service listens on its own port. Without replicas
	// the gateway calls the one instance directly; with them it has no direct
	// endpoints and finds every instance in etcd.
	vars := map[string]string{}
	var gatewayEnv []string
	for _, p := range processes {
		if !isRPC(p.Name) {
			st.instances[p.Name] = instance{binary: p.Name, etcFile: p.EtcFile}
			continue
		}
		for _, name := range instanceNames(p.Name) {
			if st.Ports[name], err = FreePort(); err != nil {
				return nil, err
			}
			st.instances[name] = instance{binary: p.Name, etcFile: p.EtcFile,
				env: []string{addrVariable(p.Name) + "=" + addr(st.Ports[name])}}
		}
		vars[addrVariable(p.Name)] = addr(st.Ports[p.Name])
		gatewayEnv = append(gatewayEnv, addrVariable(p.Name)+"=")
	}
	if StackReplicas > 1 {
		if st.etcd, err = StartEtcd(); err != nil {
			return nil, err
		}
		st.EtcdAddr = st.etcd.Addr
		vars["ETCD_HOSTS"] = st.EtcdAddr
		st.instances["douyin-api"] = instance{binary: "douyin-api", etcFile: st.instances["douyin-api"].etcFile,
			env: gatewayEnv}
	}
	if StackDevServers {
		for name, inst := range st.instances {
			if st.DevPorts[name], err = FreePort(); err != nil {
				return nil, err
			}
			inst.env = append(inst.env, devPortVariable(inst.binary)+"="+strconv.Itoa(st.DevPorts[name]))
			st.instances[name] = inst
		}
	}
	if st.Nats, err = StartNats(); err != nil {
		st.stop()
		return nil, err
	}
	vars["NATS_URL"] = st.Nats.URL()
	st.BaseURL = fmt.Sprintf("http://127.0.0.1:%d", st.Ports["douyin-api"])
	for k, v := range map[string]string{
		"GATEWAY_HOST":           "127.0.0.1",
		"GATEWAY_PORT":           strconv.Itoa(st.Ports["douyin-api"]),
		"ASYNQMON_ADDR":          addr(st.Ports["admin"]),
		"MEDIA_STORAGE_DIR":      st.StorageDir,
		"MEDIA_MAX_UPLOAD_BYTES": strconv.Itoa(StackUploadLimit), // small: the size-limit tests stay cheap
		"DEV_SERVER_ENABLED":     "false",                        // no DevServer port clashes
		"ACCESS_SECRET":          st.AccessSecret,
		"ASYNQMON_USER":          st.AdminUser,
		"ASYNQMON_PASSWORD":      st.AdminPassword,
		// Every test client is 127.0.0.1 and a load test's user acts far faster
		// than a person: the budgets are still counted on every request (their
		// cost shows in the benchmarks) but never run out. Tests of the limits
		// set their own through StackEnv.
		"LIMIT_REGISTERS_PER_IP":    unlimited,
		"LIMIT_COMMENTS_PER_MINUTE": unlimited,
		"LIMIT_MESSAGES_PER_MINUTE": unlimited,
		"LIMIT_FOLLOWS_PER_MINUTE":  unlimited,
		"LIMIT_LIKES_PER_MINUTE":    unlimited,
	} {
		vars[k] = v
	}
	if StackDevServers {
		vars["DEV_SERVER_ENABLED"] = "true" // each instance on its own port (DevPorts)
	}
	st.env = append(processEnv(e.Root), e.variables(vars)...)
	st.binDir = filepath.Join(e.Root, "bin")
	if len(StackBuildTags) > 0 {
		st.binDir = filepath.Join(st.binDir, "tags-"+strings.Join(StackBuildTags, "-"))
	}
	for _, p := range processes {
		binary := filepath.Join(st.binDir, p.Name)
		tags := strings.Join(append([]string{"no_k8s"}, StackBuildTags...), ",")
		build := exec.Command("go", "build", "-tags", tags, "-o", binary, p.Package)
		build.Dir = e.Root
		if out, err := build.CombinedOutput(); err != nil {
			st.stop()
			return nil, fmt.Errorf("build %s: %v\n%s", p.Name, err, out)
		}
		for _, name := range instanceNames(p.Name) {
			if err := st.start(e.Root, name); err != nil {
				st.stop()
				return nil, err
			}
		}
	}
	for name := range st.procs {
		if name == "douyin-mq" {
			continue
		}
		if err := waitPort(st.Ports[name], 30*time.Second); err != nil {
			st.stop()
			return nil, fmt.Errorf("%s did not start: %v\n%s", name, err, st.Log(name))
		}
	}
	return st, nil
}

// variables are the environment variables that point the etc files at this
// environment (test database, private Redis, like shards), plus extra, as
// KEY=value.
func (e *Env) variables(extra map[string]string) []string {
	vars := map[string]string{
		"MYSQL_DB":       e.DB,
		"REDIS_HOST":     "127.0.0.1",
		"REDIS_PORT":     e.RedisAddr[strings.LastIndexByte(e.RedisAddr, ':')+1:],
		"REDIS_PASSWORD": "",
		"LIKE_SHARDS":    strconv.Itoa(e.LikeShards),
		// The private Redis keeps nothing on disk: what tests write is thrown away.
		"REDIS_ALLOW_VOLATILE": "true",
	}
	for k, v := range extra {
		vars[k] = v
	}
	for k, v := range StackEnv {
		vars[k] = v
	}
	out := make([]string, 0, len(vars))
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// randomSecret is 32 random bytes in hex, as deploy/scripts/lib.sh makes them.
func randomSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// isRPC tells the RPC services (user-rpc, ...) from the worker and the gateway.
func isRPC(binary string) bool { return strings.HasSuffix(binary, "-rpc") }

// addrVariable is the variable of an RPC service's address: USER_RPC_ADDR for
// user-rpc (its ListenOn, and the gateway's endpoints).
func addrVariable(binary string) string {
	return strings.ToUpper(strings.ReplaceAll(binary, "-", "_")) + "_ADDR"
}

// devPortVariable is the variable of a process's DevServer port
// (pkg/envconf/defaults.env): USER_RPC_DEV_PORT for user-rpc.
func devPortVariable(binary string) string {
	switch binary {
	case "douyin-api":
		return "GATEWAY_DEV_PORT"
	case "douyin-mq":
		return "MQ_DEV_PORT"
	}
	return strings.ToUpper(strings.ReplaceAll(binary, "-", "_")) + "_DEV_PORT"
}

func (st *Stack) start(root, name string) error {
	inst, ok := st.instances[name]
	if !ok {
		return fmt.Errorf("testenv: the stack has no process %q", name)
	}
	logFile, err := os.OpenFile(filepath.Join(st.LogDir, name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(st.binDir, inst.binary), "-f", filepath.Join(root, inst.etcFile))
	cmd.Dir = root
	// exec uses the last value of a variable given twice: the instance's win.
	cmd.Env = append(append([]string{}, st.env...), inst.env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	st.procs[name] = cmd
	return nil
}

// processEnv is this process's environment plus the Go runtime settings of
// deploy/process.env, as make up starts the processes.
func processEnv(root string) []string {
	env := os.Environ()
	b, err := os.ReadFile(filepath.Join(root, "deploy", "process.env"))
	if err != nil {
		return env
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			env = append(env, line)
		}
	}
	return env
}

// Env is the environment every process of the stack runs with.
func (st *Stack) Env() []string { return st.env }

// Kill stops a process at once (SIGKILL), as a crash would.
func (st *Stack) Kill(name string) {
	if cmd := st.procs[name]; cmd != nil && cmd.Process != nil {
		_ = cmd.Process.Kill()
		_, _ = cmd.Process.Wait()
		delete(st.procs, name)
	}
}

// Terminate stops a process as an orchestrator does (SIGTERM), waiting up to
// 15 s for it to exit before it is killed.
func (st *Stack) Terminate(name string) {
	if cmd := st.procs[name]; cmd != nil && cmd.Process != nil {
		terminate(cmd, 15*time.Second)
		delete(st.procs, name)
	}
}

// terminate sends SIGTERM and waits for the exit, then SIGKILL after wait.
func terminate(cmd *exec.Cmd, wait time.Duration) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _, _ = cmd.Process.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
		_ = cmd.Process.Kill()
		<-done
	}
}

// Restart starts a killed or running process again with the same config.
func (st *Stack) Restart(tb testing.TB, name string) {
	tb.Helper()
	st.Kill(name)
	if err := st.start(RepoRoot(), name); err != nil {
		tb.Fatal(err)
	}
	if name != "douyin-mq" {
		if err := waitPort(st.Ports[name], 30*time.Second); err != nil {
			tb.Fatalf("%s did not restart: %v\n%s", name, err, st.Log(name))
		}
	}
}

// Log is what a process wrote so far.
func (st *Stack) Log(name string) string {
	b, _ := os.ReadFile(filepath.Join(st.LogDir, name+".log"))
	return string(b)
}

// Config is the etc file a process runs with (the repository's own; Env
// configures it).
func (st *Stack) Config(name string) string {
	return filepath.Join(RepoRoot(), st.instances[name].etcFile)
}

func (st *Stack) stop() {
	for name, cmd := range st.procs {
		terminate(cmd, 5*time.Second)
		delete(st.procs, name)
	}
	if st.etcd != nil {
		st.etcd.Stop()
	}
	if st.Nats != nil {
		st.Nats.Stop()
	}
}

func addr(port int) string { return "127.0.0.1:" + strconv.Itoa(port) }

func waitPort(port int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr(port), 200*time.Millisecond); err == nil {
			_ = c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("port %d closed after %v", port, timeout)
}

// URL is the absolute URL of a gateway path.
func (st *Stack) URL(path string) string {
	if strings.HasPrefix(path, "http") {
		return path
	}
	return st.BaseURL + path
}

// Pid is the process id of a running process of the stack, 0 if none.
func (st *Stack) Pid(name string) int {
	if cmd := st.procs[name]; cmd != nil && cmd.Process != nil {
		return cmd.Process.Pid
	}
	return 0
}
