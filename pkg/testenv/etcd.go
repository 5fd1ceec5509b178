package testenv

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// EtcdServer is a private etcd of a test (Debian's etcd-server, which make deps
// installs), with its data in a temporary folder.
type EtcdServer struct {
	Addr string // 127.0.0.1:port, the client address (ETCD_HOSTS)
	cmd  *exec.Cmd
	dir  string
}

// StartEtcd starts a private etcd on free ports and waits until it is healthy.
func StartEtcd() (*EtcdServer, error) {
	bin, err := exec.LookPath("etcd")
	if err != nil {
		return nil, fmt.Errorf("etcd not found (run make deps: it installs etcd-server): %v", err)
	}
	clientPort, err := FreePort()
	if err != nil {
		return nil, err
	}
	peerPort, err := FreePort()
	if err != nil {
		return nil, err
	}
	srv := &EtcdServer{Addr: addr(clientPort)}
	if srv.dir, err = os.MkdirTemp("", "douyin-test-etcd-"); err != nil {
		return nil, err
	}
	client, peer := "http://"+srv.Addr, "http://"+addr(peerPort)
	srv.cmd = exec.Command(bin, "--name", "test", "--data-dir", srv.dir,
		"--listen-client-urls", client, "--advertise-client-urls", client,
		"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
		"--initial-cluster", "test="+peer, "--log-level", "warn")
	if err := srv.cmd.Start(); err != nil {
		_ = os.RemoveAll(srv.dir)
		return nil, err
	}
	probe := &http.Client{Timeout: time.Second}
	for i := 0; i < 100; i++ {
		if resp, err := probe.Get(client + "/health"); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return srv, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	srv.Stop()
	return nil, fmt.Errorf("private etcd on %s did not become healthy", srv.Addr)
}

// Stop kills the server and removes its data.
func (srv *EtcdServer) Stop() {
	if srv.cmd.Process != nil {
		_ = srv.cmd.Process.Kill()
		_, _ = srv.cmd.Process.Wait()
	}
	_ = os.RemoveAll(srv.dir)
}

// Count answers how many keys start with prefix (e.g. "user.rpc/": the
// registered instances of user-rpc), through etcd's JSON gateway.
func (srv *EtcdServer) Count(prefix string) (int, error) {
	end := []byte(prefix)
	end[len(end)-1]++ // the range [prefix, end) is every key with the prefix
	body, _ := json.Marshal(map[string]any{"key": base64.StdEncoding.EncodeToString([]byte(prefix)),
		"range_end": base64.StdEncoding.EncodeToString(end), "count_only": true})
	resp, err := http.Post("http://"+srv.Addr+"/v3/kv/range", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var out struct {
		Count string `json:"count"` // an int64, in JSON as a string
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return 0, err
	}
	if out.Count == "" {
		return 0, nil // etcd leaves zero out
	}
	return strconv.Atoi(out.Count)
}

// instanceNames are the instances of a process the stack runs: StackReplicas
// of an RPC service, named <binary>, <binary>-2, ... (as make up REPLICAS=2
// names them), one of the others.
func instanceNames(binary string) []string {
	if !isRPC(binary) {
		return []string{binary}
	}
	names := []string{binary}
	for i := 2; i <= StackReplicas; i++ {
		names = append(names, binary+"-"+strconv.Itoa(i))
	}
	return names
}

// Registered answers how many instances of the RPC service whose etcd key is
// key (user.rpc, ...) are registered in the stack's etcd.
func (st *Stack) Registered(key string) (int, error) {
	if st.etcd == nil {
		return 0, fmt.Errorf("testenv: the stack runs no etcd (StackReplicas is 1)")
	}
	return st.etcd.Count(key + "/")
}
