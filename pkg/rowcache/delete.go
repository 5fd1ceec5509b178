package rowcache

import (
	"context"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
)

// secondDeleteDelay is how long after a write its cache entries are deleted again.
const secondDeleteDelay = time.Second

// DelTwice deletes keys with del now, and once more a second later: a reader that
// loaded the old row before the write's commit and stored it after the write's
// first delete would otherwise keep serving it until the entry expires. del is
// the generated model's DelCacheCtx (go-zero retries a failed delete).
func DelTwice(ctx context.Context, del func(ctx context.Context, keys ...string) error, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	time.AfterFunc(secondDeleteDelay, func() {
		if err := del(context.Background(), keys...); err != nil {
			logx.Errorf("delayed cache delete of %d keys: %v", len(keys), err)
		}
	})
	return del(ctx, keys...)
}
