package model

import (
	"time"

	"github.com/zeromicro/go-zero/core/stores/cache"
)

// rowCacheExpiry bounds how long a row cached by the generated models may live.
// Counter columns change often, so a cache entry left stale by the cache-aside
// race (a slow reader writing an old row back after the writer's DEL) heals soon.
const rowCacheExpiry = time.Hour

// cacheOptions are the row cache options of every cached model: the generated
// model and its multi-row reader (rowcache) get the same ones.
var cacheOptions = []cache.Option{cache.WithExpiry(rowCacheExpiry)}
