// Package envconf loads a process's etc file the go-zero way, with conf.UseEnv:
// the file names its addresses, DSNs and secrets as ${VARIABLES}, and every
// variable that is not set gets its local default from defaults.env first, so a
// process started by hand finds the local servers while whatever the scripts,
// the tests or Kubernetes export reaches every process.
package envconf

import (
	_ "embed"
	"os"
	"strings"

	"github.com/zeromicro/go-zero/core/conf"
)

//go:embed defaults.env
var defaults string

// MustLoad fills the unset variables with their defaults and loads path into v.
func MustLoad(path string, v any) {
	ApplyDefaults()
	conf.MustLoad(path, v, conf.UseEnv())
}

// ApplyDefaults sets every variable of defaults.env that the environment lacks.
func ApplyDefaults() {
	for _, line := range strings.Split(defaults, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		if _, set := os.LookupEnv(key); !set {
			_ = os.Setenv(key, value)
		}
	}
}
