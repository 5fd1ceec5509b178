// Command bench is douyin-zero's load harness. It starts its own stack (the
// binaries of bin/, a fresh database, a private Redis: nothing of `make up` is
// touched), then measures in one run a bare go-zero handler, a bare
// gateway→zrpc round trip and the real endpoints, and reports every rate as a
// ratio to the bare round trip, so results stay comparable on a noisy machine.
//
//	go run ./bench -duration 5s -concurrency 32 -rounds 5 [-only feed_anonymous,user_info]
//	go run ./bench -metrics -compare nometrics   (the cost of the metrics: metrics.go)
//	go run ./bench -only favorite_action -set LIMIT_LIKES_PER_MINUTE=0   (a setting against another)
//	go run ./bench -floor=false   (without the second baseline, the framework floor under wrk: floor.go)
package main

import (
	"flag"
	"fmt"
	"os"
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
	if len(os.Args) > 1 && os.Args[1] == "floor-server" {
		runFloorServer(os.Args[2:])
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
	stackSettings.apply()
	b, done, err := startBench(*buildTags)
	if err != nil {
		return err
	}
	defer done()
	var other *Bench // -compare: the same scenarios on a second stack
	if *compareTags != "" {
		var doneOther func()
		if other, doneOther, err = startBench(*compareTags); err != nil {
			return err
		}
		defer doneOther()
	}

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
		var res []result
		var err error
		if other != nil && !s.Baseline {
			res, err = b.compare(other, s)
		} else {
			res, err = b.run(s)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		results = append(results, res...)
	}
	report(os.Stdout, results)
	reportFloor(os.Stdout, results)
	return nil
}
