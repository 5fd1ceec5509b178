// Package e2e drives the real processes (bin/*, started by pkg/testenv against a
// fresh database and a private Redis) through the REST API, as the app does.
package e2e

import (
	"os"
	"testing"

	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) {
	testenv.StackEnv = securityStackEnv // small login limits that recover in seconds
	os.Exit(testenv.Main(m))
}
