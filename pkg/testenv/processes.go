package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Process is one process of douyin-zero, as deploy/processes.tsv lists it (the
// list deploy/scripts/lib.sh reads too).
type Process struct {
	Name    string // the binary in bin/
	Package string // the Go package, e.g. ./rpc/user
	EtcFile string // its etc file, relative to the repository root
}

// ReadProcesses reads deploy/processes.tsv under root, in start order.
func ReadProcesses(root string) ([]Process, error) {
	path := filepath.Join(root, "deploy", "processes.tsv")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Process
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want name, package and etc file separated by tabs: %q", path, i+1, line)
		}
		out = append(out, Process{Name: f[0], Package: f[1], EtcFile: f[2]})
	}
	return out, nil
}
