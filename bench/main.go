// Command bench is douyin-zero's load harness. It measures, in one run and on one
// machine, a bare go-zero handler, a bare gateway→zrpc round trip and the real
// endpoints of a running stack (make up), and reports every rate as a ratio to
// the bare round trip, so results stay comparable on a noisy shared machine.
//
//	go run ./bench -duration 5s -concurrency 32 [-only feed,user_info]
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

var (
	gateway     = flag.String("gateway", "http://127.0.0.1:8080", "the running gateway")
	userRpc     = flag.String("user-rpc", "127.0.0.1:8081", "a zrpc server for the bare round trip")
	duration    = flag.Duration("duration", 5*time.Second, "load time per scenario")
	concurrency = flag.Int("concurrency", 32, "concurrent clients")
	only        = flag.String("only", "", "comma-separated scenario names (default: all)")
	mysqlDSN    = flag.String("mysql", "root:@tcp(127.0.0.1:3306)/douyin", "the stack's database, for scenarios that count statements or bulk-load rows")
	redisAddr   = flag.String("redis", "127.0.0.1:6379", "the stack's data Redis, for scenarios that count commands")
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "bare-server" {
		runBareServers(os.Args[2:])
		return
	}
	flag.Parse()
	b, err := newBench()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
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
			fmt.Fprintf(os.Stderr, "bench: %s: %v\n", s.Name, err)
			os.Exit(1)
		}
		results = append(results, res...)
	}
	report(os.Stdout, results)
}
