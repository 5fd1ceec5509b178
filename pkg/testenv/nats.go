package testenv

import (
	"fmt"
	"net"
	"os/exec"
	"time"
)

// NatsServer is a private nats-server of a test (Debian's nats-server, which
// make deps installs): core NATS only, nothing on disk.
type NatsServer struct {
	Addr string // 127.0.0.1:port
	cmd  *exec.Cmd
}

// URL is the server as NATS_URL names it.
func (srv *NatsServer) URL() string { return "nats://" + srv.Addr }

// StartNats starts a private nats-server on a free port and waits until it
// answers.
func StartNats() (*NatsServer, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	srv := &NatsServer{Addr: addr(port)}
	return srv, srv.Start()
}

// Start starts the server (again, after Stop) on its port.
func (srv *NatsServer) Start() error {
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		// Debian installs it in /usr/sbin, which a user's PATH may lack.
		if bin, err = exec.LookPath("/usr/sbin/nats-server"); err != nil {
			return fmt.Errorf("nats-server not found (run make deps: it installs nats-server): %v", err)
		}
	}
	_, port, _ := net.SplitHostPort(srv.Addr)
	srv.cmd = exec.Command(bin, "-a", "127.0.0.1", "-p", port)
	if err := srv.cmd.Start(); err != nil {
		return err
	}
	for i := 0; i < 100; i++ {
		if c, err := net.DialTimeout("tcp", srv.Addr, 200*time.Millisecond); err == nil {
			_ = c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	srv.Stop()
	return fmt.Errorf("private nats-server on %s did not answer", srv.Addr)
}

// Stop kills the server (a crash: clients reconnect when it is back).
func (srv *NatsServer) Stop() {
	if srv.cmd != nil && srv.cmd.Process != nil {
		_ = srv.cmd.Process.Kill()
		_, _ = srv.cmd.Process.Wait()
		srv.cmd = nil
	}
}
