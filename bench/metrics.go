package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"douyin/pkg/testenv"
)

// Metrics cost: -metrics runs every process with its DevServer on (go-zero's
// metrics are only collected then) and reads every /metrics each -scrape, as
// Prometheus does. -compare nometrics starts a second stack built without
// douyin-zero's own metrics (pkg/ownmetrics) and measures every scenario on
// both in turn, each slice after the same bare slice: the two ratios differ by
// what those metrics cost, with the machine's drift the same for both.
var (
	withMetrics = flag.Bool("metrics", false, "DevServers on, every process's /metrics read each -scrape")
	scrapeEvery = flag.Duration("scrape", time.Second, "with -metrics: how often each /metrics is read")
	buildTags   = flag.String("tags", "", "comma-separated build tags of the stack's binaries, after no_k8s")
	compareTags = flag.String("compare", "", "build tags of a second stack to measure every scenario against (e.g. nometrics)")
)

// startBench starts a stack built with tags (its own database and Redis),
// seeds it and answers its Bench and what stops it all.
func startBench(tags string) (*Bench, func(), error) {
	testenv.StackBuildTags = nil
	if tags != "" {
		testenv.StackBuildTags = strings.Split(tags, ",")
	}
	testenv.StackDevServers = *withMetrics
	env, err := testenv.Start()
	if err != nil {
		return nil, nil, err
	}
	st, err := env.StartStack()
	if err != nil {
		env.Close()
		return nil, nil, err
	}
	seed := exec.Command("bash", "deploy/scripts/seed.sh")
	seed.Dir, seed.Env = env.Root, append(os.Environ(), "GATEWAY_URL="+st.BaseURL)
	if out, err := seed.CombinedOutput(); err != nil {
		env.Close()
		return nil, nil, fmt.Errorf("seed: %v\n%s", err, out)
	}
	b, err := newBench(env, st)
	if err != nil {
		env.Close()
		return nil, nil, err
	}
	b.Tags = tags
	var scr *scraper
	if *withMetrics {
		scr = startScraper(st.DevPorts, *scrapeEvery)
	}
	return b, func() {
		if scr != nil {
			what, err := scr.stop()
			fmt.Printf("metrics (build tags no_k8s %s): %s\n", tags, what)
			if err != nil {
				fmt.Fprintln(os.Stderr, "bench:", err)
			}
		}
		b.close()
		env.Close()
	}, nil
}

// compare measures s on b and on other in turn (pairedSides); a scenario with a
// load of its own (no request) is not compared.
func (b *Bench) compare(other *Bench, s Scenario) ([]result, error) {
	req, err := s.Setup(b)
	if err != nil {
		return nil, fmt.Errorf("setup: %w", err)
	}
	otherReq, err := s.Setup(other)
	if err != nil {
		return nil, fmt.Errorf("setup on -tags %s: %w", other.Tags, err)
	}
	if req == nil || otherReq == nil {
		return nil, nil
	}
	res, err := b.pairedSides(s.Name, []side{{b, req}, {other, otherReq}})
	if err != nil {
		return nil, err
	}
	for i := range res {
		res[i].Name += " [tags: no_k8s " + []string{b.Tags, other.Tags}[i] + "]"
	}
	if res[1].Ratio > 0 {
		res[0].Note = fmt.Sprintf("%.3f × the second", res[0].Ratio/res[1].Ratio)
	}
	return res, nil
}

// scraper reads every /metrics each interval until stop.
type scraper struct {
	done chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	n    int // scrapes
	size int // bytes of the last scrape of every process
	err  error
}

func startScraper(ports map[string]int, every time.Duration) *scraper {
	s := &scraper{done: make(chan struct{})}
	client := &http.Client{Timeout: 10 * time.Second}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for {
			size := 0
			for name, port := range ports {
				n, err := scrape(client, port)
				s.mu.Lock()
				if err != nil && s.err == nil {
					s.err = fmt.Errorf("scrape %s: %w", name, err)
				}
				s.mu.Unlock()
				size += n
			}
			s.mu.Lock()
			s.n++
			s.size = size
			s.mu.Unlock()
			select {
			case <-s.done:
				return
			case <-ticker.C:
			}
		}
	}()
	return s
}

func scrape(client *http.Client, port int) (int, error) {
	resp, err := client.Get(fmt.Sprintf("http://127.0.0.1:%d/metrics", port))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("HTTP %s", resp.Status)
	}
	return int(n), err
}

// stop ends the scrapes and says what they read.
func (s *scraper) stop() (string, error) {
	close(s.done)
	s.wg.Wait()
	return fmt.Sprintf("%d scrapes of every process, %d KB per round", s.n, s.size>>10), s.err
}
