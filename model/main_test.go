package model

import (
	"os"
	"sync"
	"testing"

	"douyin/pkg/testenv"
)

// TestMain gives the package a fresh database and a private Redis (testenv).
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

var (
	modelsOnce sync.Once
	models     *Models
)

// testModels are the models of the test environment, built once.
func testModels() *Models {
	modelsOnce.Do(func() {
		env := testenv.Get()
		models = NewModels(env.DataSource, env.CacheConf(), env.RedisConf())
	})
	return models
}
