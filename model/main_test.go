package model

import (
	"os"
	"testing"

	"douyin/pkg/testenv"
)

// TestMain gives the package a fresh database and a private Redis (testenv).
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// testModels are the models of the test environment, built once.
var testModels = testenv.Lazy(func(env *testenv.Env) *Models {
	return NewModels(env.DataSource, env.CacheConf(), env.RedisConf())
})
