package monitor

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"douyin/pkg/testenv"
)

// The test's Prometheus: the repository's config and rules, rendered for the
// test (its targets, 1 s scrapes and evaluations, 1 s `for:`), nothing else
// changed, so that what is checked is what operators run.
const (
	testInterval = "1s"
	testFor      = "1s"
	// rateInterval replaces Grafana's $__rate_interval: a few scrapes.
	rateInterval = "10s"
)

type prometheus struct {
	url string
	cmd *exec.Cmd
	dir string
}

// ensurePrometheus installs prometheus and promtool the way the scripts do
// (deploy/scripts/monitor.sh install: Debian's package) when they are missing.
func ensurePrometheus(t *testing.T, root string) {
	t.Helper()
	if _, err := exec.LookPath("prometheus"); err == nil {
		if _, err := exec.LookPath("promtool"); err == nil {
			return
		}
	}
	script(t, root, "install")
}

// script runs deploy/scripts/monitor.sh with args.
func script(t *testing.T, root string, args ...string) string {
	t.Helper()
	cmd := exec.Command("bash", append([]string{filepath.Join(root, "deploy/scripts/monitor.sh")}, args...)...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("monitor.sh %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// startPrometheus runs Prometheus with the repository's config, its targets
// pointed at ports (DevServer port by service label).
func startPrometheus(t *testing.T, root string, ports map[string]int) *prometheus {
	t.Helper()
	dir := t.TempDir()
	rules := renderRules(t, filepath.Join(root, "deploy/prometheus/rules.yml"))
	writeYAML(t, filepath.Join(dir, "rules.yml"), rules)
	config := renderConfig(t, filepath.Join(root, "deploy/prometheus/prometheus.yml"), ports)
	writeYAML(t, filepath.Join(dir, "prometheus.yml"), config)

	port, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	p := &prometheus{url: "http://127.0.0.1:" + strconv.Itoa(port), dir: dir}
	logFile, err := os.Create(filepath.Join(dir, "prometheus.log"))
	if err != nil {
		t.Fatal(err)
	}
	p.cmd = exec.Command("prometheus", "--config.file="+filepath.Join(dir, "prometheus.yml"),
		"--storage.tsdb.path="+filepath.Join(dir, "data"), "--web.listen-address=127.0.0.1:"+strconv.Itoa(port))
	p.cmd.Stdout, p.cmd.Stderr = logFile, logFile
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		_, _ = p.cmd.Process.Wait()
		_ = logFile.Close()
	})
	waitFor(t, 30*time.Second, "Prometheus to be ready", func() (bool, string) {
		resp, err := http.Get(p.url + "/-/ready")
		if err != nil {
			return false, err.Error()
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK, resp.Status + "\n" + p.log()
	})
	return p
}

func (p *prometheus) log() string {
	b, _ := os.ReadFile(filepath.Join(p.dir, "prometheus.log"))
	return string(b)
}

// renderConfig is prometheus.yml with 1 s scrapes and evaluations, the rendered
// rules, and each static target at the port of its service label.
func renderConfig(t *testing.T, path string, ports map[string]int) map[string]any {
	t.Helper()
	var config map[string]any
	readYAML(t, path, &config)
	config["global"] = map[string]any{"scrape_interval": testInterval, "scrape_timeout": testInterval,
		"evaluation_interval": testInterval}
	config["rule_files"] = []string{"rules.yml"}
	seen := map[string]bool{}
	for _, job := range config["scrape_configs"].([]any) {
		for _, static := range job.(map[string]any)["static_configs"].([]any) {
			sc := static.(map[string]any)
			service := sc["labels"].(map[string]any)["service"].(string)
			port, ok := ports[service]
			if !ok {
				t.Fatalf("prometheus.yml scrapes service %q, which the stack does not run", service)
			}
			sc["targets"] = []string{"127.0.0.1:" + strconv.Itoa(port)}
			seen[service] = true
		}
	}
	for service := range ports {
		if !seen[service] {
			t.Errorf("prometheus.yml does not scrape %s", service)
		}
	}
	return config
}

// renderRules is rules.yml with every `for:` at testFor.
func renderRules(t *testing.T, path string) map[string]any {
	t.Helper()
	var rules map[string]any
	readYAML(t, path, &rules)
	for _, g := range rules["groups"].([]any) {
		for _, r := range g.(map[string]any)["rules"].([]any) {
			rule := r.(map[string]any)
			if _, ok := rule["for"]; ok {
				rule["for"] = testFor
			}
		}
	}
	return rules
}

// alert is one alerting rule of rules.yml.
type alert struct{ name, expr string }

func alerts(t *testing.T, root string) []alert {
	t.Helper()
	var rules struct {
		Groups []struct {
			Rules []struct{ Alert, Expr string }
		}
	}
	readYAML(t, filepath.Join(root, "deploy/prometheus/rules.yml"), &rules)
	var out []alert
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			if r.Alert != "" {
				out = append(out, alert{r.Alert, r.Expr})
			}
		}
	}
	return out
}

// comparison is a binary comparison of PromQL, written with spaces around it
// (label matchers are written without).
var comparison = regexp.MustCompile(`\s(==|!=|>=|<=|>|<)\s+`)

// withBool turns every comparison of expr into its bool form, which answers 0 or
// 1 for every series compared instead of dropping the false ones: the
// expression then has series whenever the metrics it compares exist, firing or not.
func withBool(expr string) string { return comparison.ReplaceAllString(expr, " $1 bool ") }

// panelQuery is one query of one panel of the dashboard.
type panelQuery struct{ panel, expr string }

// dashboardQueries are every panel's queries with the dashboard's variables
// set to everything (All), and the queries of the variables themselves.
func dashboardQueries(t *testing.T, root string) []panelQuery {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "deploy/grafana/douyin-zero.json"))
	if err != nil {
		t.Fatal(err)
	}
	type target struct{ Expr string }
	type panel struct {
		Title   string
		Type    string
		Targets []target
		Panels  []panel
	}
	var dash struct {
		Panels     []panel
		Templating struct {
			List []struct {
				Name, Type string
				Query      any
			}
		}
	}
	if err := json.Unmarshal(b, &dash); err != nil {
		t.Fatal(err)
	}
	all := strings.NewReplacer("$__rate_interval", rateInterval, "${service}", ".*", "$service", ".*",
		"${instance}", ".*", "$instance", ".*")
	var out []panelQuery
	var walk func([]panel)
	walk = func(panels []panel) {
		for _, p := range panels {
			walk(p.Panels) // a collapsed row holds its panels
			if p.Type != "row" && len(p.Targets) == 0 {
				t.Errorf("panel %q has no query", p.Title)
			}
			for _, tg := range p.Targets {
				out = append(out, panelQuery{p.Title, all.Replace(tg.Expr)})
			}
		}
	}
	walk(dash.Panels)
	labelValues := regexp.MustCompile(`^label_values\((.+),\s*\w+\)$`)
	for _, v := range dash.Templating.List {
		if v.Type != "query" {
			continue
		}
		q, _ := v.Query.(map[string]any)
		m := labelValues.FindStringSubmatch(fmt.Sprint(q["query"]))
		if m == nil {
			t.Errorf("variable %s: query %v is not label_values(selector, label)", v.Name, v.Query)
			continue
		}
		out = append(out, panelQuery{"variable " + v.Name, all.Replace(m[1])})
	}
	return out
}

// series is one series of an instant query's answer.
type series struct {
	Metric map[string]string
	Value  [2]any
}

// query runs an instant query.
func (p *prometheus) query(t *testing.T, q string) []series {
	t.Helper()
	var data struct {
		ResultType string
		Result     json.RawMessage
	}
	p.api(t, "/api/v1/query?query="+url.QueryEscape(q), &data)
	switch data.ResultType {
	case "vector":
		var out []series
		if err := json.Unmarshal(data.Result, &out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out
	case "scalar":
		var v [2]any
		_ = json.Unmarshal(data.Result, &v)
		return []series{{Value: v}}
	}
	t.Fatalf("%s: result type %s", q, data.ResultType)
	return nil
}

// firing is the state of every active alert by name ("pending" or "firing").
func (p *prometheus) alertStates(t *testing.T) map[string]string {
	t.Helper()
	var data struct {
		Alerts []struct {
			Labels map[string]string
			State  string
		}
	}
	p.api(t, "/api/v1/alerts", &data)
	out := map[string]string{}
	for _, a := range data.Alerts {
		if out[a.Labels["alertname"]] != "firing" {
			out[a.Labels["alertname"]] = a.State
		}
	}
	return out
}

func (p *prometheus) api(t *testing.T, path string, data any) {
	t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var answer struct {
		Status string
		Error  string
		Data   json.RawMessage
	}
	if err := json.Unmarshal(body, &answer); err != nil || answer.Status != "success" {
		t.Fatalf("%s: %s %s", path, answer.Error, body)
	}
	if err := json.Unmarshal(answer.Data, data); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func writeYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond every 200 ms until it holds; after timeout it fails with
// what cond last said.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, last := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s: %s", timeout, what, last)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
