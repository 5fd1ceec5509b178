// Package k8senv loads a process's config the way its Kubernetes pod does
// (deploy/k8s): the ConfigMap entry (the etc file the kustomization ships, in
// deploy/k8s/etc), with the variables of douyin.env, the container's own env
// and stand-ins for the Secret's keys, the rest from envconf's defaults. Each
// process's config tests use it with their real config type.
package k8senv

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/conf"
	"github.com/zeromicro/go-zero/core/service"
	"github.com/zeromicro/go-zero/zrpc"
	"sigs.k8s.io/yaml"

	"douyin/pkg/envconf"
	"douyin/pkg/testenv"
)

// Pod is what the Deployment named after a process gives its container.
type Pod struct {
	Name string // the Deployment, the process (deploy/processes.tsv) and the container
	// Env is the container's environment as the manifests set it; Secrets the
	// stand-in value of each variable that comes from the Secret.
	Env, Secrets map[string]string
	Ports        map[string]int    // containerPort by name
	Annotations  map[string]string // of the pod template
	Mounts       map[string]string // mountPath by volume name
	GraceSeconds int64             // terminationGracePeriodSeconds
	PreStopSleep int64             // seconds of the preStop sleep, 0 if none
	ConfigFile   string            // the ConfigMap entry it runs, deploy/k8s/etc/<file>
}

// The parts of deploy/k8s/services.yaml read here (deploy/k8s's own test
// decodes every manifest strictly).
type deployment struct {
	Kind     string
	Metadata struct{ Name string }
	Spec     struct {
		Template struct {
			Metadata struct{ Annotations map[string]string }
			Spec     struct {
				TerminationGracePeriodSeconds int64 `json:"terminationGracePeriodSeconds"`
				Containers                    []struct {
					Name string
					Env  []struct {
						Name      string
						Value     string
						ValueFrom *struct {
							SecretKeyRef *struct{ Key string } `json:"secretKeyRef"`
						} `json:"valueFrom"`
					}
					Ports []struct {
						Name          string
						ContainerPort int `json:"containerPort"`
					}
					VolumeMounts []struct {
						Name      string
						MountPath string `json:"mountPath"`
					} `json:"volumeMounts"`
					Lifecycle *struct {
						PreStop *struct {
							Sleep *struct{ Seconds int64 }
						} `json:"preStop"`
					}
				}
			}
		}
	}
}

// dir is deploy/k8s.
func dir() string { return filepath.Join(testenv.RepoRoot(), "deploy", "k8s") }

// Read finds the Deployment of process name in deploy/k8s/services.yaml.
func Read(tb testing.TB, name string) *Pod {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(dir(), "services.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, doc := range strings.Split(string(b), "\n---\n") {
		var d deployment
		if err := yaml.Unmarshal([]byte(doc), &d); err != nil {
			tb.Fatalf("services.yaml: %v", err)
		}
		if d.Kind == "Deployment" && d.Metadata.Name == name {
			return pod(tb, name, d)
		}
	}
	tb.Fatalf("deploy/k8s/services.yaml has no Deployment %s", name)
	return nil
}

func pod(tb testing.TB, name string, d deployment) *Pod {
	tb.Helper()
	spec := d.Spec.Template.Spec
	if len(spec.Containers) != 1 || spec.Containers[0].Name != name {
		tb.Fatalf("Deployment %s: want one container named %s", name, name)
	}
	c := spec.Containers[0]
	p := &Pod{Name: name, Env: envFile(tb, filepath.Join(dir(), "douyin.env")), Secrets: map[string]string{},
		Ports: map[string]int{}, Annotations: d.Spec.Template.Metadata.Annotations, Mounts: map[string]string{},
		GraceSeconds: spec.TerminationGracePeriodSeconds}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom == nil:
			p.Env[e.Name] = e.Value
		case e.ValueFrom.SecretKeyRef != nil:
			p.Secrets[e.Name] = standIn()
			p.Env[e.Name] = p.Secrets[e.Name]
		default:
			tb.Fatalf("Deployment %s: %s comes neither from a value nor from the Secret", name, e.Name)
		}
	}
	for _, port := range c.Ports {
		p.Ports[port.Name] = port.ContainerPort
	}
	for _, m := range c.VolumeMounts {
		p.Mounts[m.Name] = m.MountPath
	}
	if c.Lifecycle != nil && c.Lifecycle.PreStop != nil && c.Lifecycle.PreStop.Sleep != nil {
		p.PreStopSleep = c.Lifecycle.PreStop.Sleep.Seconds
	}
	processes, err := testenv.ReadProcesses(testenv.RepoRoot())
	if err != nil {
		tb.Fatal(err)
	}
	for _, proc := range processes {
		if proc.Name == name {
			p.ConfigFile = filepath.Join(dir(), "etc", filepath.Base(proc.EtcFile))
		}
	}
	if p.ConfigFile == "" {
		tb.Fatalf("deploy/processes.tsv has no process %s", name)
	}
	return p
}

// Load reads the pod of process name and loads its config into v (Pod.Load).
func Load(tb testing.TB, name string, v any) *Pod {
	tb.Helper()
	p := Read(tb, name)
	p.Load(tb, v)
	return p
}

// Load loads the pod's config file into v (conf.Load validates it) in the
// pod's environment: only its variables are set, every other one of
// defaults.env takes its default.
func (p *Pod) Load(tb testing.TB, v any) {
	tb.Helper()
	for key := range envFile(tb, filepath.Join(testenv.RepoRoot(), "pkg", "envconf", "defaults.env")) {
		tb.Setenv(key, "") // restored after the test
		_ = os.Unsetenv(key)
	}
	for key, value := range p.Env {
		tb.Setenv(key, value)
	}
	envconf.ApplyDefaults()
	if err := conf.Load(p.ConfigFile, v, conf.UseEnv()); err != nil {
		tb.Fatalf("%s in the pod of %s: %v", p.ConfigFile, p.Name, err)
	}
}

// CheckService checks what the ServiceConf of every process holds in its pod:
// the production mode (go-zero sheds load only there), DevServer on the pod
// address at the port Prometheus scrapes and the probes ask, pprof off, and a
// grace period longer than the preStop pause plus the process's own shutdown
// wait, so a pod is never killed while it drains.
func (p *Pod) CheckService(tb testing.TB, sc service.ServiceConf) {
	tb.Helper()
	if sc.Mode != service.ProMode {
		tb.Errorf("%s: Mode %q: go-zero sheds load only in %q", p.Name, sc.Mode, service.ProMode)
	}
	dev := sc.DevServer
	if !dev.Enabled || dev.Host != "0.0.0.0" || dev.EnablePprof {
		tb.Errorf("%s: DevServer enabled %v on %q with pprof %v: want it on the pod address, pprof off",
			p.Name, dev.Enabled, dev.Host, dev.EnablePprof)
	}
	if dev.Port != p.Ports["dev"] || strconv.Itoa(dev.Port) != p.Annotations["prometheus.io/port"] {
		tb.Errorf("%s: DevServer on port %d, the container's dev port is %d, Prometheus scrapes %q",
			p.Name, dev.Port, p.Ports["dev"], p.Annotations["prometheus.io/port"])
	}
	// go-zero kills itself Shutdown.WaitTime after SIGTERM, which comes after the preStop pause.
	if grace := time.Duration(p.GraceSeconds) * time.Second; grace <= time.Duration(p.PreStopSleep)*time.Second+sc.Shutdown.WaitTime {
		tb.Errorf("%s: terminationGracePeriodSeconds %v is not longer than the preStop pause (%ds) and Shutdown.WaitTime (%v)",
			p.Name, grace, p.PreStopSleep, sc.Shutdown.WaitTime)
	}
}

// CheckRPCServer checks an RPC service's pod: CheckService, shedding on, its
// ListenOn on every address at the container's grpc port, no etcd (the
// gateway watches the Service's EndpointSlices instead), and CheckStores.
func (p *Pod) CheckRPCServer(tb testing.TB, c zrpc.RpcServerConf, dataSource, redisPass string) {
	tb.Helper()
	p.CheckService(tb, c.ServiceConf)
	p.CheckStores(tb, dataSource, redisPass)
	p.CheckShedding(tb, c.CpuThreshold)
	if want := fmt.Sprintf("0.0.0.0:%d", p.Ports["grpc"]); c.ListenOn != want {
		tb.Errorf("%s: ListenOn %q, want %q (the container's grpc port)", p.Name, c.ListenOn, want)
	}
	if c.HasEtcd() {
		tb.Errorf("%s: registers in etcd %v", p.Name, c.Etcd.Hosts)
	}
}

// CheckShedding: CpuThreshold (of RestConf or RpcServerConf) turns go-zero's
// adaptive load shedding on.
func (p *Pod) CheckShedding(tb testing.TB, cpuThreshold int64) {
	tb.Helper()
	if cpuThreshold <= 0 {
		tb.Errorf("%s: CpuThreshold %d: load shedding is off", p.Name, cpuThreshold)
	}
}

// CheckStores: the DSN and the Redis password are those of douyin.env and the
// Secret.
func (p *Pod) CheckStores(tb testing.TB, dataSource, redisPass string) {
	tb.Helper()
	want := fmt.Sprintf("%s:%s@tcp(%s:%s)/%s?", p.Env["MYSQL_USER"], p.Secrets["MYSQL_PASSWORD"], p.Env["MYSQL_HOST"],
		p.Env["MYSQL_PORT"], p.Env["MYSQL_DB"])
	if p.Secrets["MYSQL_PASSWORD"] == "" || !strings.HasPrefix(dataSource, want) {
		tb.Errorf("%s: the DSN does not start with %q (MySQL of douyin.env, password of the Secret)", p.Name, want)
	}
	if redisPass != p.Secrets["REDIS_PASSWORD"] {
		tb.Errorf("%s: the Redis password is not the Secret's REDIS_PASSWORD", p.Name)
	}
}

// envFile reads KEY=value lines, as envconf and kustomize's envs read them.
func envFile(tb testing.TB, path string) map[string]string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			tb.Fatalf("%s: %q is not KEY=value", path, line)
		}
		out[key] = value
	}
	return out
}

// standIn is a random secret value, as the operator's secrets.env holds one.
func standIn() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprint("k8senv: ", err))
	}
	return hex.EncodeToString(b)
}
