package rediscoll

import (
	_ "embed"

	"github.com/zeromicro/go-zero/core/stores/redis"
)

// The scripts of the collections, each with its KEYS/ARGV in its header.
var (
	//go:embed lua/set_fill.lua
	setFillSrc    string
	setFillScript = redis.NewScript(setFillSrc)

	//go:embed lua/list_fill.lua
	listFillSrc    string
	listFillScript = redis.NewScript(listFillSrc)

	//go:embed lua/timeline_add.lua
	timelineAddSrc    string
	timelineAddScript = redis.NewScript(timelineAddSrc)

	//go:embed lua/timeline_build.lua
	timelineBuildSrc    string
	timelineBuildScript = redis.NewScript(timelineBuildSrc)
)
