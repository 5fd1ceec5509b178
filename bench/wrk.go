package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// wrk loads: the floor (floor.go) is measured with wrk, and so are the
// scenarios it is compared with. Every answer is checked as the Go client
// checks it (HTTP 200 and status_code 0) by a Lua response hook; only
// successful answers count.

const (
	wrkThreads     = 2  // one per core of the machine
	wrkConnections = 64 // the floor's load: wrk -c64
)

// ensureWrk installs Debian's wrk through the scripts' ensure_apt_pkgs (a fresh
// machine has none), unless one is on the PATH.
func ensureWrk(root string) error {
	if _, err := exec.LookPath("wrk"); err == nil {
		return nil
	}
	cmd := exec.Command("bash", "-c", "source deploy/scripts/lib.sh && ensure_apt_pkgs wrk")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("install wrk: %v\n%s", err, out)
	}
	_, err := exec.LookPath("wrk")
	return err
}

// wrkLoad is what one wrk run sends: a fixed request (method and URL), or
// script, Lua that defines request() and may read the offsets of wrkResult.
type wrkLoad struct {
	method, url string
	script      string
}

// wrkResult is one wrk run, as its done() hook reports it.
type wrkResult struct {
	requests, failures int64
	elapsed            time.Duration
	p50, p99           time.Duration
	socketErrors       string // connect/read/write/timeout counts, when any
	firstFailure       string
	offsets            []string // request() counters of each thread, for the next run
	cpu                time.Duration
}

func (r wrkResult) ok() int64 { return r.requests - r.failures }

// wrkCheck is the part of every script that checks the answers and reports.
const wrkCheck = `
local threads, count = {}, 0
function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end
function init(args)
  failures, first = 0, ""
  offset = tonumber(args[id + 1] or "0")
end
function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"status_code":0[,}]') then
    failures = failures + 1
    if first == "" then first = status .. " " .. string.sub(body, 1, 120) end
  end
end
function done(summary, latency, requests)
  local f, first, offsets = 0, "", {}
  for _, t in ipairs(threads) do
    f = f + t:get("failures")
    if first == "" then first = t:get("first") end
    table.insert(offsets, tostring(t:get("sent") or 0))
  end
  local e = summary.errors
  io.write(string.format("WRK-RESULT %d %d %d %d %d %d/%d/%d/%d %s\n", summary.requests, f, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write, e.timeout, table.concat(offsets, ",")))
  io.write("WRK-FIRST-FAILURE " .. first .. "\n")
end
`

// runWrk runs wrk -c64 for d (whole seconds, at least one) and adds to res the
// CPU that the stack (and pids) spent meanwhile.
func (b *Bench) runWrk(load wrkLoad, d time.Duration, offsets []string, pids ...int) (wrkResult, error) {
	script := wrkCheck
	if load.script != "" {
		script += load.script
	} else {
		script += fmt.Sprintf("wrk.method = %q\n", load.method)
	}
	f, err := os.CreateTemp("", "bench-*.lua")
	if err != nil {
		return wrkResult{}, err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(script); err != nil {
		return wrkResult{}, err
	}
	f.Close()
	seconds := max(1, int(d.Round(time.Second)/time.Second))
	args := []string{"-t", strconv.Itoa(wrkThreads), "-c", strconv.Itoa(wrkConnections),
		"-d", fmt.Sprintf("%ds", seconds), "--timeout", "10s", "-s", f.Name(), load.url}
	if len(offsets) > 0 {
		args = append(append(args, "--"), offsets...)
	}
	cpu := b.cpuNow()
	for _, pid := range pids {
		cpu += processCPU(pid)
	}
	out, err := exec.Command("wrk", args...).CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	res, err := parseWrk(out)
	res.cpu = b.cpuNow() - cpu
	for _, pid := range pids {
		res.cpu += processCPU(pid)
	}
	return res, err
}

func parseWrk(out []byte) (wrkResult, error) {
	var res wrkResult
	found := false
	for _, line := range bytes.Split(out, []byte("\n")) {
		s := string(line)
		if rest, ok := strings.CutPrefix(s, "WRK-FIRST-FAILURE "); ok {
			res.firstFailure = strings.TrimSpace(rest)
			continue
		}
		rest, ok := strings.CutPrefix(s, "WRK-RESULT ")
		if !ok {
			continue
		}
		var dur, p50, p99 int64
		var socket, offsets string
		if _, err := fmt.Sscanf(rest, "%d %d %d %d %d %s %s", &res.requests, &res.failures, &dur, &p50, &p99, &socket, &offsets); err != nil {
			return res, fmt.Errorf("wrk output %q: %v", s, err)
		}
		res.elapsed = time.Duration(dur) * time.Microsecond
		res.p50, res.p99 = time.Duration(p50)*time.Microsecond, time.Duration(p99)*time.Microsecond
		if socket != "0/0/0/0" {
			res.socketErrors = "socket errors connect/read/write/timeout " + socket
		}
		res.offsets = strings.Split(offsets, ",")
		found = true
	}
	if !found {
		return res, fmt.Errorf("no result in wrk's output:\n%s", out)
	}
	return res, nil
}
