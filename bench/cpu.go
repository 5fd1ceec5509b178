package main

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	red "github.com/redis/go-redis/v9"

	"douyin/pkg/testenv"
)

// CPU per request: the CPU time the stack's processes and its Redis spent
// during a scenario's slices, over its successful requests. It moves less than
// a rate when other work shares the machine, so a small cost (the metrics')
// shows in it where the ratios' noise hides it. MySQL's is not counted.

// clockTick is the unit of /proc/<pid>/stat times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// cpuNow is the CPU time the stack's processes, the bare servers and the
// stack's Redis have used so far.
func (b *Bench) cpuNow() time.Duration {
	var total time.Duration
	if b.bare != nil && b.bare.Process != nil {
		total += processCPU(b.bare.Process.Pid)
	}
	processes, _ := testenv.ReadProcesses(b.Env.Root)
	for _, p := range processes {
		total += processCPU(b.Stack.Pid(p.Name))
	}
	return total + redisCPU(b.Env.RedisAddr)
}

// processCPU is utime + stime of pid (0 when it cannot be read).
func processCPU(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The fields after the command (in parentheses, which may hold spaces):
	// state is field 3, utime 14, stime 15.
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * clockTick
}

// redisCPU is used_cpu_user + used_cpu_sys of the Redis at addr.
func redisCPU(addr string) time.Duration {
	client := red.NewClient(&red.Options{Addr: addr})
	defer client.Close()
	info, err := client.Info(context.Background(), "cpu").Result()
	if err != nil {
		return 0
	}
	var total float64
	for _, line := range strings.Split(info, "\r\n") {
		for _, key := range []string{"used_cpu_user:", "used_cpu_sys:"} {
			if v, ok := strings.CutPrefix(line, key); ok {
				f, _ := strconv.ParseFloat(v, 64)
				total += f
			}
		}
	}
	return time.Duration(total * float64(time.Second))
}
