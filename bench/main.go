// Command bench is douyin-zero's load harness. It starts its own stack (the
// binaries of bin/, a fresh database, a private Redis: nothing of `make up` is
// touched), then measures in one run a bare go-zero handler, a bare
// gateway→zrpc round trip and the real endpoints, and reports every rate as a
// ratio to the bare round trip, so results stay comparable on a noisy machine.
//
//	go run ./bench -duration 5s -concurrency 32 -rounds 5 [-only feed_anonymous,user_info]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"douyin/pkg/testenv"
)

var (
	duration    = flag.Duration("duration", 5*time.Second, "load time per scenario")
	concurrency = flag.Int("concurrency", 32, "concurrent clients")
	only        = flag.String("only", "", "comma-separated scenario names (default: all)")
	rounds      = flag.Int("rounds", 5, "slices of each scenario, each paired with a slice of the bare round trip")
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "bare-server" {
		runBareServers(os.Args[2:])
		return
	}
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	testenv.StackUploadLimit = 200 << 20 // the production limit: the upload scenario sends 50 MB
	env, err := testenv.Start()
	if err != nil {
		return err
	}
	defer env.Close()
	st, err := env.StartStack()
	if err != nil {
		return err
	}
	seed := exec.Command("bash", "deploy/scripts/seed.sh")
	seed.Dir, seed.Env = env.Root, append(os.Environ(), "GATEWAY_URL="+st.BaseURL)
	if out, err := seed.CombinedOutput(); err != nil {
		return fmt.Errorf("seed: %v\n%s", err, out)
	}
	b, err := newBench(env, st)
	if err != nil {
		return err
	}
	defer b.close()

	wanted := map[string]bool{}
	for _, name := range strings.Split(*only, ",") {
		if name != "" {
			wanted[name] = true
		}
	}
	var results []result
	for _, s := range scenarios {
		if len(wanted) > 0 && !wanted[s.Name] && !s.Baseline {
			continue
		}
		res, err := b.run(s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		results = append(results, res...)
	}
	report(os.Stdout, results)
	return nil
}
