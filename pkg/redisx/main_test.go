package redisx

import (
	"os"
	"testing"

	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
