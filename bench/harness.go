package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"douyin/pkg/testenv"
)

// Scenario is one measured endpoint. Setup prepares data through the public API
// (or the database for bulk rows) and answers the request maker; Extra reports
// figures of its own (statement counts, memory) after the load.
type Scenario struct {
	Name     string
	Baseline bool // always run: the other results are ratios to it
	Setup    func(b *Bench) (Request, error)
	// Load, when set, replaces the closed-loop load (e.g. a fixed rate).
	Load func(b *Bench, req Request) ([]result, error)
}

// Request builds the i-th request of a worker.
type Request func(worker, i int) (*http.Request, error)

type result struct {
	Name      string
	Requests  int64
	Failures  int64
	PerSecond float64
	P50, P99  time.Duration
	Note      string
	// Ratio to the bare round trip measured in slices interleaved with this
	// scenario's (0: against the bare round trip's own run).
	Ratio float64
	// CPU is what the stack and its Redis spent during the load (cpu.go).
	CPU time.Duration

	latencies []time.Duration
}

var scenarios []Scenario

func register(s Scenario) { scenarios = append(scenarios, s) }

// Bench holds what scenarios share: the stack, an HTTP client, bare servers.
type Bench struct {
	Env     *testenv.Env
	Stack   *testenv.Stack
	Gateway string
	Client  *http.Client
	bare    *exec.Cmd
	BareURL string // bare go-zero server: /bare/handler and /bare/rpc

	bareRoundTrip Request // the baseline every ratio is measured against
	Tags          string  // the stack's build tags after no_k8s (-tags, -compare)
}

func newBench(env *testenv.Env, st *testenv.Stack) (*Bench, error) {
	b := &Bench{
		Env:     env,
		Stack:   st,
		Gateway: st.BaseURL,
		Client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
			MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute,
			// A 17 KB page in one read rather than five: the harness shares the
			// machine, so what it spends is taken from the endpoint under test.
			ReadBufferSize: 64 << 10,
		}},
	}
	if err := b.startBare(); err != nil {
		return nil, err
	}
	return b, nil
}

// startBare runs the bare servers in a process of their own, like the gateway.
func (b *Bench) startBare() error {
	port, err := freePort()
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	b.bare = exec.Command(self, "bare-server", fmt.Sprint(port), b.Stack.Config("douyin-api"))
	b.bare.Stderr = os.Stderr
	b.bare.Env = b.Stack.Env() // the gateway's environment: its etc file's variables, runtime settings
	if err := b.bare.Start(); err != nil {
		return err
	}
	b.BareURL = fmt.Sprintf("http://127.0.0.1:%d", port)
	for i := 0; i < 100; i++ {
		if resp, err := b.Client.Get(b.BareURL + "/bare/handler"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("bare server did not start")
}

func (b *Bench) close() {
	stopFloor()
	if b.bare != nil && b.bare.Process != nil {
		_ = b.bare.Process.Kill()
		_ = b.bare.Wait()
	}
}

func (b *Bench) run(s Scenario) (results []result, err error) {
	req, err := s.Setup(b)
	if err != nil {
		return nil, fmt.Errorf("setup: %w", err)
	}
	// The same request against the bare framework floor too, both under wrk (floor.go).
	defer func() {
		if err == nil {
			err = b.pairFloor(s, req)
		}
	}()
	if s.Load != nil {
		return s.Load(b, req)
	}
	if s.Baseline {
		res, err := b.closedLoop(s.Name, req, *concurrency, *duration)
		if s.Name == bareRoundTrip {
			b.bareRoundTrip = req
		}
		return []result{res}, err
	}
	res, err := b.paired(s.Name, req)
	if err != nil {
		return nil, err
	}
	return []result{res}, nil
}

// paired measures a scenario in -rounds slices, each right after a slice of the
// bare round trip of the same length, and answers the scenario's rate with its
// ratio to those bare slices: the machine is shared and its speed drifts over
// seconds, so a bare rate measured minutes earlier would skew the ratio.
func (b *Bench) paired(name string, req Request) (result, error) {
	res, err := b.pairedSides(name, []side{{b, req}})
	if err != nil {
		return result{}, err
	}
	return res[0], nil
}

// side is a scenario's request on one stack (-compare runs two).
type side struct {
	b   *Bench
	req Request
}

// pairedSides is paired with a slice of each side after each bare slice (the
// bare round trip of b): every side meets the same drift.
func (b *Bench) pairedSides(name string, sides []side) ([]result, error) {
	slice := *duration / time.Duration(*rounds)
	totals := make([]result, len(sides))
	ok := make([]float64, len(sides))
	latencies := make([][]time.Duration, len(sides))
	var bareOK float64
	for i := 0; i < *rounds; i++ {
		bare, err := b.closedLoop(bareRoundTrip, b.bareRoundTrip, *concurrency, slice)
		if err != nil {
			return nil, err
		}
		bareOK += float64(bare.Requests - bare.Failures)
		for k := range sides {
			j := (i + k) % len(sides) // each side first in turn: none always right after the bare slice
			sd := sides[j]
			res, err := sd.b.closedLoop(name, sd.req, *concurrency, slice)
			if err != nil {
				return nil, err
			}
			total := &totals[j]
			ok[j] += float64(res.Requests - res.Failures)
			total.Requests += res.Requests
			total.Failures += res.Failures
			total.CPU += res.CPU
			latencies[j] = append(latencies[j], res.latencies...)
			if total.Note == "" {
				total.Note = res.Note
			}
		}
	}
	for j := range totals {
		total := &totals[j]
		total.Name = name
		total.PerSecond = ok[j] / duration.Seconds()
		total.P50, total.P99 = percentiles(latencies[j])
		if bareOK > 0 {
			total.Ratio = ok[j] / bareOK
		}
	}
	return totals, nil
}

// closedLoop runs workers that each send their next request when the last one
// answered, for d; it checks every answer's status_code.
func (b *Bench) closedLoop(name string, req Request, workers int, d time.Duration) (result, error) {
	// Warm up: connections, caches, JIT of the code paths.
	if err := b.warm(req); err != nil {
		return result{}, err
	}
	var (
		requests, failures atomic.Int64
		mu                 sync.Mutex
		latencies          []time.Duration
		firstErr           atomic.Value
	)
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var wg sync.WaitGroup
	cpu := b.cpuNow()
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			local := make([]time.Duration, 0, 4096)
			for i := 0; ctx.Err() == nil; i++ {
				r, err := req(w, i)
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				t0 := time.Now()
				err = b.Do(r)
				local = append(local, time.Since(t0))
				requests.Add(1)
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
			mu.Lock()
			latencies = append(latencies, local...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu = b.cpuNow() - cpu
	// Only successful answers count: a shed request is fast but useless.
	res := result{Name: name, Requests: requests.Load(), Failures: failures.Load(),
		PerSecond: float64(requests.Load()-failures.Load()) / elapsed.Seconds()}
	res.P50, res.P99 = percentiles(latencies)
	res.latencies = latencies
	res.CPU = cpu
	if res.Failures > 0 {
		res.Note = fmt.Sprintf("first failure: %v", firstErr.Load())
	}
	return res, nil
}

func (b *Bench) warm(req Request) error {
	for i := 0; i < 50; i++ {
		r, err := req(0, i)
		if err != nil {
			return err
		}
		if err := b.Do(r); err != nil {
			return fmt.Errorf("warm-up request failed: %w", err)
		}
	}
	return nil
}

// Do sends r and checks the contract's envelope: HTTP 200 and status_code 0.
func (b *Bench) Do(r *http.Request) error {
	return b.send(r, nil)
}

// Call sends r, checks the envelope and decodes the answer into out.
func (b *Bench) Call(r *http.Request, out any) error {
	err := b.send(r, func(body []byte) error { return json.Unmarshal(body, out) })
	if err != nil {
		return fmt.Errorf("%s: %w", r.URL.Path, err)
	}
	return nil
}

// bodies are reused: the harness shares the machine with the stack, and growing
// a fresh buffer for every 20 KB page would bill the endpoint for it.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// send sends r, checks the envelope and hands the body to use (nil: not needed).
func (b *Bench) send(r *http.Request, use func(body []byte) error) error {
	resp, err := b.Client.Do(r)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	buf := bodies.Get().(*bytes.Buffer)
	defer bodies.Put(buf)
	buf.Reset()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return err
	}
	body := buf.Bytes()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	// Read status_code without decoding the whole body: the harness shares the
	// machine with the stack, and decoding a 20 KB page would bill its cost to
	// the endpoint under test.
	code, ok := statusCode(body)
	if !ok {
		return fmt.Errorf("no status_code: %.80s", body)
	}
	if code != 0 {
		var env struct {
			StatusMsg string `json:"status_msg"`
		}
		_ = json.Unmarshal(body, &env)
		return fmt.Errorf("status_code %d: %s", code, env.StatusMsg)
	}
	if use != nil {
		return use(body)
	}
	return nil
}

// statusCode reads the status_code that go-zero writes first in every answer.
func statusCode(body []byte) (int64, bool) {
	const key = `"status_code":`
	i := bytes.Index(body, []byte(key))
	if i < 0 {
		return 0, false
	}
	rest := body[i+len(key):]
	end := bytes.IndexAny(rest, ",}")
	if end < 0 {
		return 0, false
	}
	code, err := strconv.ParseInt(string(bytes.TrimSpace(rest[:end])), 10, 64)
	return code, err == nil
}

func percentiles(lat []time.Duration) (p50, p99 time.Duration) {
	if len(lat) == 0 {
		return 0, 0
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return lat[len(lat)*50/100], lat[len(lat)*99/100]
}

func report(w io.Writer, results []result) {
	var base float64
	for _, r := range results {
		if r.Name == bareRoundTrip {
			base = r.PerSecond
		}
	}
	fmt.Fprintf(w, "concurrency %d, %v per scenario; ratio = rate / rate of the %s, measured in %d slices\n"+
		"interleaved with each scenario's (open-loop and custom loads: against the baseline's own run)\n\n",
		*concurrency, *duration, bareRoundTrip, *rounds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "| scenario\t| req/s\t| ratio\t| CPU/req\t| p50\t| p99\t| requests\t| failures\t| note\t|")
	fmt.Fprintln(tw, "|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|")
	for _, r := range results {
		ratio := "-"
		switch {
		case r.Ratio > 0:
			ratio = fmt.Sprintf("%.2f", r.Ratio)
		case base > 0 && r.PerSecond > 0:
			ratio = fmt.Sprintf("%.2f", r.PerSecond/base)
		}
		rate := "-"
		if r.PerSecond > 0 {
			rate = fmt.Sprintf("%.0f", r.PerSecond)
		}
		// CPU per successful request, in µs: the stack's processes and Redis (cpu.go).
		cpu := "-"
		if ok := r.Requests - r.Failures; r.CPU > 0 && ok > 0 {
			cpu = fmt.Sprintf("%.0fµs", float64(r.CPU.Microseconds())/float64(ok))
		}
		fmt.Fprintf(tw, "| %s\t| %s\t| %s\t| %s\t| %s\t| %s\t| %d\t| %d\t| %s\t|\n", r.Name, rate, ratio, cpu,
			round(r.P50), round(r.P99), r.Requests, r.Failures, r.Note)
	}
	tw.Flush()
}

func round(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return d.Round(10 * time.Microsecond).String()
}
