package model

import (
	"context"
	"slices"
	"strings"

	"github.com/zeromicro/go-zero/core/stores/sqlc"

	"douyin/pkg/rediscoll"
)

// idsBy is the loader of a cached id collection: query selects one id column
// and takes the owner as its one argument.
func idsBy(conn sqlc.CachedConn, query string) rediscoll.Loader {
	return func(ctx context.Context, owner int64) ([]int64, error) {
		var ids []int64
		err := conn.QueryRowsNoCacheCtx(ctx, &ids, query, owner)
		return ids, err
	}
}

// sortedIDs are the ids of deltas, each once, sorted: the rows of a relative
// update are named in one order by every flush (one lock order, no deadlocks).
func sortedIDs(deltas ...map[int64]int64) []int64 {
	var ids []int64
	for _, m := range deltas {
		for id := range m {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// deltaCase is "case `id` when ? then ? ... else 0 end" with its arguments: the
// delta of each of ids (0 for those deltas lacks).
func deltaCase(ids []int64, deltas map[int64]int64) (string, []any) {
	args := make([]any, 0, 2*len(ids))
	for _, id := range ids {
		args = append(args, id, deltas[id])
	}
	return "case `id` " + strings.Repeat("when ? then ? ", len(ids)) + "else 0 end", args
}
