package testenv

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Stack is every douyin-zero process, started from the binaries in bin/ against
// the test environment, the way `make up` starts them.
type Stack struct {
	BaseURL    string // the gateway, e.g. http://127.0.0.1:41234
	StorageDir string // the gateway's media folder
	LogDir     string
	Ports      map[string]int // by binary name
	procs      map[string]*exec.Cmd
	configs    map[string]string
}

// service is one process of the stack.
type service struct {
	bin, pkg, etc string
}

var services = []service{
	{"user-rpc", "./rpc/user", "rpc/user/etc/user.yaml"},
	{"video-rpc", "./rpc/video", "rpc/video/etc/video.yaml"},
	{"social-rpc", "./rpc/social", "rpc/social/etc/social.yaml"},
	{"douyin-mq", "./mq", "mq/etc/mq.yaml"},
	{"douyin-api", "./api", "api/etc/douyin-api.yaml"},
}

var stackOnce sync.Once

// TestMaxUploadBytes is the gateway's upload limit in the test stack.
const TestMaxUploadBytes = 4 << 20

// StackUploadLimit is the upload limit the next stack starts with.
var StackUploadLimit = TestMaxUploadBytes

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
	tmp, err := os.MkdirTemp("", "douyin-stack-")
	if err != nil {
		return nil, err
	}
	st := &Stack{
		StorageDir: filepath.Join(tmp, "storage"),
		LogDir:     filepath.Join(tmp, "logs"),
		Ports:      map[string]int{},
		procs:      map[string]*exec.Cmd{},
		configs:    map[string]string{},
	}
	_ = os.MkdirAll(st.LogDir, 0o755)
	for _, s := range services {
		if st.Ports[s.bin], err = FreePort(); err != nil {
			return nil, err
		}
	}
	if st.Ports["admin"], err = FreePort(); err != nil {
		return nil, err
	}
	st.BaseURL = fmt.Sprintf("http://127.0.0.1:%d", st.Ports["douyin-api"])
	replace := map[string]string{
		"127.0.0.1:8081":        addr(st.Ports["user-rpc"]),
		"127.0.0.1:8082":        addr(st.Ports["video-rpc"]),
		"127.0.0.1:8083":        addr(st.Ports["social-rpc"]),
		"http://127.0.0.1:8080": st.BaseURL,
		"Port: 8080":            "Port: " + strconv.Itoa(st.Ports["douyin-api"]),
		"127.0.0.1:8090":        addr(st.Ports["admin"]),
		".data/storage":         st.StorageDir,
		"Enabled: true":         "Enabled: false", // no DevServer port clashes
		// Small uploads make the size-limit tests cheap.
		"MaxUploadBytes: 209715200": "MaxUploadBytes: " + strconv.Itoa(StackUploadLimit),
	}
	for _, s := range services {
		if _, err := os.Stat(filepath.Join(e.Root, s.etc)); err != nil {
			continue // a process that does not exist yet
		}
		binary := filepath.Join(e.Root, "bin", s.bin)
		build := exec.Command("go", "build", "-tags", "no_k8s", "-o", binary, s.pkg)
		build.Dir = e.Root
		if out, err := build.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("build %s: %v\n%s", s.bin, err, out)
		}
		st.configs[s.bin] = e.configFile(tmp, s.etc, replace)
		if err := st.start(e.Root, s.bin); err != nil {
			st.stop()
			return nil, err
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

func (e *Env) configFile(dir, etcPath string, replace map[string]string) string {
	b, err := os.ReadFile(filepath.Join(e.Root, etcPath))
	if err != nil {
		panic(err)
	}
	s := e.rewrite(string(b), replace)
	out := filepath.Join(dir, filepath.Base(etcPath))
	if err := os.WriteFile(out, []byte(s), 0o600); err != nil {
		panic(err)
	}
	return out
}

func (st *Stack) start(root, name string) error {
	logFile, err := os.OpenFile(filepath.Join(st.LogDir, name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(root, "bin", name), "-f", st.configs[name])
	cmd.Dir = root
	cmd.Env = ProcessEnv(root)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	st.procs[name] = cmd
	return nil
}

// ProcessEnv is the environment the processes run with: this one plus the Go
// runtime settings of deploy/process.env, as make up starts them.
func ProcessEnv(root string) []string {
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

// Kill stops a process at once (SIGKILL), as a crash would.
func (st *Stack) Kill(name string) {
	if cmd := st.procs[name]; cmd != nil && cmd.Process != nil {
		_ = cmd.Process.Kill()
		_, _ = cmd.Process.Wait()
		delete(st.procs, name)
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

// Config is the etc file a process runs with (rewritten for this environment).
func (st *Stack) Config(name string) string { return st.configs[name] }

func (st *Stack) stop() {
	for name, cmd := range st.procs {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _, _ = cmd.Process.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
		delete(st.procs, name)
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
