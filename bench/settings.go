package main

import (
	"flag"
	"fmt"
	"strings"

	"douyin/pkg/testenv"
)

// settings are -set KEY=value flags: variables every process of the stack
// runs with, over the test stack's own, to measure one setting against
// another in runs of the same code (-set LIMIT_LIKES_PER_MINUTE=0 turns the
// like budget off).
type settings map[string]string

var stackSettings = settings{}

func init() {
	flag.Var(stackSettings, "set", "KEY=value for every process of the stack (repeatable)")
}

func (s settings) String() string { return fmt.Sprint(map[string]string(s)) }

func (s settings) Set(kv string) error {
	k, v, ok := strings.Cut(kv, "=")
	if !ok || k == "" {
		return fmt.Errorf("-set %q: want KEY=value", kv)
	}
	s[k] = v
	return nil
}

// apply adds the settings to the next stack's environment.
func (s settings) apply() {
	if len(s) > 0 && testenv.StackEnv == nil {
		testenv.StackEnv = map[string]string{}
	}
	for k, v := range s {
		testenv.StackEnv[k] = v
	}
}
