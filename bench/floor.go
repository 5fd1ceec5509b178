package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/zeromicro/go-zero/rest"
	"github.com/zeromicro/go-zero/rest/httpx"
	"github.com/zeromicro/go-zero/zrpc"
	"google.golang.org/grpc/health/grpc_health_v1"
)

// The second baseline: the bare framework floor. A go-zero REST handler built
// from a rest.RestConf literal making one zrpc call (the user service's gRPC
// health check, as /bare/rpc does) through a client built from a
// zrpc.RpcClientConf literal. Literals are not loaded by conf, so none of
// go-zero's defaults apply: no REST middleware, no client interceptor, no
// timeouts, Go's own runtime settings. It is loaded by wrk -c64, and so is each
// scenario it is compared with (a fixed request, or a Lua script for the like
// action), in slices paired like the Go ones: each scenario slice right after
// a floor slice.

const floorName = "bare framework floor (wrk -c64)"

var withFloor = flag.Bool("floor", true, "also pair every scenario with the bare framework floor, both loaded by wrk -c64")

// floor is the floor server and what was measured against it.
var floor struct {
	cmd   *exec.Cmd
	url   string
	pairs map[string]floorPair // by scenario name
	order []string
}

// floorPair is a scenario's wrk slices against the floor's.
type floorPair struct {
	ratio           float64
	rate, floorRate float64 // successful requests per second of each
	cpu, floorCPU   time.Duration
	ok, floorOK     int64
	failures        int64
	p50, p99        time.Duration
	note            string
}

// wrkLoads are the scenarios whose requests are not fixed: they build a load
// of their own (a request() script).
var wrkLoads = map[string]func(b *Bench) (wrkLoad, error){
	"favorite_action": likeWrk,
}

// The floor runs after the other baselines (floor.go sorts after bare.go), off with -floor=false.
func init() {
	register(Scenario{Name: floorName, Baseline: true, Setup: startFloor, Load: floorOwnRun})
}

// startFloor installs wrk and starts the floor server, in a process of its own
// with this process's environment (not the stack's runtime settings).
func startFloor(b *Bench) (Request, error) {
	if !*withFloor {
		return nil, nil
	}
	if err := ensureWrk(b.Env.Root); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	userRPC := fmt.Sprintf("127.0.0.1:%d", b.Stack.Ports["user-rpc"])
	floor.cmd = exec.Command(self, "floor-server", strconv.Itoa(port), userRPC)
	floor.cmd.Stderr = os.Stderr // its stdout is go-zero's console log: not wanted
	if err := floor.cmd.Start(); err != nil {
		return nil, err
	}
	u := fmt.Sprintf("http://127.0.0.1:%d/floor/rpc", port)
	req := get(u, nil)
	for i := 0; i < 100; i++ {
		r, _ := req(0, 0)
		if err := b.Do(r); err == nil {
			floor.url = u
			floor.pairs = map[string]floorPair{}
			return req, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, errors.New("floor server did not answer")
}

func stopFloor() {
	if floor.cmd != nil && floor.cmd.Process != nil {
		_ = floor.cmd.Process.Kill()
		_ = floor.cmd.Wait()
	}
}

// floorOwnRun is the floor's own figure: one wrk run of -duration.
func floorOwnRun(b *Bench, req Request) ([]result, error) {
	if floor.url == "" {
		return nil, nil
	}
	if err := b.warm(req); err != nil {
		return nil, err
	}
	w, err := b.runWrk(wrkLoad{method: http.MethodGet, url: floor.url}, *duration, nil, floor.cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	// The first baselines under wrk too: what the gateway's configuration costs
	// the bare round trip against the floor, with the same load generator.
	for _, base := range []struct {
		name string
		req  Request
	}{{bareHandler, get(b.BareURL+"/bare/handler", nil)}, {bareRoundTrip, b.bareRoundTrip}} {
		if base.req == nil {
			continue
		}
		if err := b.pairFloor(Scenario{Name: base.name}, base.req); err != nil {
			return nil, fmt.Errorf("%s against the floor: %w", base.name, err)
		}
	}
	return []result{w.result(floorName, "wrk -t2 -c64: another load generator than the other rows")}, nil
}

func (w wrkResult) result(name, note string) result {
	res := result{Name: name, Requests: w.requests, Failures: w.failures, P50: w.p50, P99: w.p99, CPU: w.cpu, Note: note}
	if w.elapsed > 0 {
		res.PerSecond = float64(w.ok()) / w.elapsed.Seconds()
	}
	if w.firstFailure != "" {
		res.Note = strings.TrimSpace(res.Note + " first failure: " + w.firstFailure)
	}
	return res
}

// pairFloor measures a scenario against the floor, both loaded by wrk, in
// -rounds slices, each scenario slice right after a floor slice. Scenarios
// with a load of their own (open loop, table sizes, uploads) are not paired.
func (b *Bench) pairFloor(s Scenario, req Request) error {
	if !*withFloor || floor.url == "" || s.Name == floorName || req == nil {
		return nil
	}
	load, ok, err := wrkLoadOf(b, s, req)
	if err != nil || !ok {
		return err
	}
	slice := *duration / time.Duration(*rounds)
	var p floorPair
	var elapsed, floorElapsed time.Duration
	var latencies []time.Duration
	var offsets []string
	if load.script != "" { // fresh users: their first likes load their sets
		w, err := b.runWrk(load, slice, nil)
		if err != nil {
			return err
		}
		offsets = w.offsets
	}
	for i := 0; i < *rounds; i++ {
		f, err := b.runWrk(wrkLoad{method: http.MethodGet, url: floor.url}, slice, nil, floor.cmd.Process.Pid)
		if err != nil {
			return err
		}
		w, err := b.runWrk(load, slice, offsets)
		if err != nil {
			return err
		}
		offsets = w.offsets
		p.floorOK += f.ok()
		p.ok += w.ok()
		p.failures += w.failures + f.failures
		elapsed += w.elapsed
		floorElapsed += f.elapsed
		p.cpu += w.cpu
		p.floorCPU += f.cpu
		latencies = append(latencies, w.p50, w.p99)
		for _, note := range []string{w.firstFailure, w.socketErrors, f.firstFailure, f.socketErrors} {
			if note != "" && p.note == "" {
				p.note = note
			}
		}
	}
	if p.floorOK > 0 {
		p.ratio = float64(p.ok) / float64(p.floorOK)
	}
	p.rate, p.floorRate = float64(p.ok)/elapsed.Seconds(), float64(p.floorOK)/floorElapsed.Seconds()
	// wrk reports percentiles per run: the median of the slices' p50s, the largest p99.
	var p50s []time.Duration
	for i := 0; i < len(latencies); i += 2 {
		p50s = append(p50s, latencies[i])
		p.p99 = max(p.p99, latencies[i+1])
	}
	p.p50, _ = percentiles(p50s)
	floor.pairs[s.Name] = p
	floor.order = append(floor.order, s.Name)
	return nil
}

// wrkLoadOf is the wrk load of a scenario: its own (wrkLoads), else its
// request when the request is fixed (every worker sends the same). ok is false
// for the rest.
func wrkLoadOf(b *Bench, s Scenario, req Request) (load wrkLoad, ok bool, err error) {
	if s.Name == "login" {
		// bcrypt by design: 64 logins at once wait past the gateway's 3 s timeout,
		// and the user service goes on hashing for the abandoned ones, starving
		// the scenarios after it. Its figure is logins per second, not a ratio.
		return wrkLoad{}, false, nil
	}
	if build := wrkLoads[s.Name]; build != nil {
		load, err = build(b)
		return load, err == nil, err
	}
	if s.Load != nil {
		return wrkLoad{}, false, nil
	}
	r0, err := req(0, 0)
	if err != nil {
		return wrkLoad{}, false, err
	}
	r1, err := req(3, 7)
	if err != nil {
		return wrkLoad{}, false, err
	}
	if r0.Body != nil || r0.Method != r1.Method || r0.URL.String() != r1.URL.String() {
		return wrkLoad{}, false, nil
	}
	return wrkLoad{method: r0.Method, url: r0.URL.String()}, true, nil
}

// likeWrk is the like action under wrk: every request changes a like. Each
// thread has its own users (one per connection); request i of a thread is user
// i mod users, video (i / users) mod videos, and likes on even passes over
// all the pairs, unlikes on odd ones, so a pair changes every time and its
// next change is thousands of requests later. Each run resumes the counters
// where the last one stopped (the offsets).
func likeWrk(b *Bench) (wrkLoad, error) {
	videos, err := b.videoIDs()
	if err != nil {
		return wrkLoad{}, err
	}
	if len(videos) == 0 {
		return wrkLoad{}, errors.New("no videos")
	}
	var sb strings.Builder
	sb.WriteString("local tokens = {")
	for i := 0; i < wrkConnections; i++ {
		u, err := b.NewUser("wliker")
		if err != nil {
			return wrkLoad{}, err
		}
		fmt.Fprintf(&sb, "%q,", url.QueryEscape(u.Token))
	}
	sb.WriteString("}\nlocal videos = {")
	for _, v := range videos {
		fmt.Fprintf(&sb, "%d,", v)
	}
	fmt.Fprintf(&sb, `}
local per = %d
function request()
  sent = (sent or offset) + 1
  local i = sent - 1
  local u = i %% per
  local v = math.floor(i / per) %% #videos
  local action = 1 + math.floor(i / (per * #videos)) %% 2
  return wrk.format("POST", "/douyin/favorite/action/?token=" .. tokens[id * per + u + 1] ..
    "&video_id=" .. videos[v + 1] .. "&action_type=" .. action)
end
`, wrkConnections/wrkThreads)
	return wrkLoad{url: b.Gateway + "/douyin/favorite/action/", script: sb.String()}, nil
}

// reportFloor prints every scenario's ratio to both baselines.
func reportFloor(w io.Writer, results []result) {
	if len(floor.order) == 0 {
		return
	}
	var base float64
	ratios := map[string]string{}
	for _, r := range results {
		if r.Name == bareRoundTrip {
			base = r.PerSecond
		}
	}
	for _, r := range results {
		switch {
		case r.Ratio > 0:
			ratios[r.Name] = fmt.Sprintf("%.2f", r.Ratio)
		case base > 0 && r.PerSecond > 0:
			ratios[r.Name] = fmt.Sprintf("%.2f", r.PerSecond/base)
		}
	}
	fmt.Fprintf(w, "\nboth baselines: ratio to the %s (Go clients, -concurrency %d, the table above) and to the %s:\n"+
		"the floor and the scenario both loaded by wrk -t%d -c%d, in %d slices, each scenario slice right after a floor slice\n\n",
		bareRoundTrip, *concurrency, floorName, wrkThreads, wrkConnections, *rounds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "| scenario\t| ratio to round trip\t| ratio to floor\t| req/s (wrk)\t| floor req/s\t| CPU/req\t| floor CPU/req\t| p50\t| p99\t| failures\t| note\t|")
	fmt.Fprintln(tw, "|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|")
	perReq := func(cpu time.Duration, ok int64) string {
		if cpu <= 0 || ok <= 0 {
			return "-"
		}
		return fmt.Sprintf("%.0fµs", float64(cpu.Microseconds())/float64(ok))
	}
	for _, name := range floor.order {
		p := floor.pairs[name]
		rt := ratios[name]
		if rt == "" {
			rt = "-"
		}
		fmt.Fprintf(tw, "| %s\t| %s\t| %.2f\t| %.0f\t| %.0f\t| %s\t| %s\t| %s\t| %s\t| %d\t| %s\t|\n", name, rt, p.ratio, p.rate, p.floorRate,
			perReq(p.cpu, p.ok), perReq(p.floorCPU, p.floorOK), round(p.p50), round(p.p99), p.failures, p.note)
	}
	tw.Flush()
}

// runFloorServer serves /floor/rpc (args: port, the user service's address).
func runFloorServer(args []string) {
	port, err := strconv.Atoi(args[0])
	if err != nil {
		panic(err)
	}
	server := rest.MustNewServer(rest.RestConf{Host: "127.0.0.1", Port: port})
	client := zrpc.MustNewClient(zrpc.RpcClientConf{Endpoints: []string{args[1]}, NonBlock: true})
	health := grpc_health_v1.NewHealthClient(client.Conn())
	server.AddRoute(rest.Route{Method: http.MethodGet, Path: "/floor/rpc", Handler: healthCheck(health)})
	server.Start()
	os.Exit(0)
}

// envelope is the fixed answer of the bare servers and the floor.
type envelope struct {
	StatusCode int32  `json:"status_code"`
	StatusMsg  string `json:"status_msg"`
}

// healthCheck is /bare/rpc and /floor/rpc: one zrpc call (the gRPC health
// check), then the envelope.
func healthCheck(health grpc_health_v1.HealthClient) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := health.Check(r.Context(), &grpc_health_v1.HealthCheckRequest{}); err != nil {
			httpx.OkJsonCtx(r.Context(), w, envelope{StatusCode: 1, StatusMsg: err.Error()})
			return
		}
		httpx.OkJsonCtx(r.Context(), w, envelope{})
	}
}
