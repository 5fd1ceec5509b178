// Package ids holds what every list of ids passes through on its way to Redis
// or MySQL: deduplication and formatting as command arguments.
package ids

import (
	"strconv"
	"strings"
)

// Unique answers the positive ids, each once, in their first order.
func Unique(ids []int64) []int64 {
	seen := make(map[int64]struct{}, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if _, dup := seen[id]; id > 0 && !dup {
			seen[id] = struct{}{}
			out = append(out, id)
		}
	}
	return out
}

// Strings formats ids for commands that take string fields (HMGET).
func Strings(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
}

// Args lists ids as the variadic arguments of a statement or a script.
func Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// Placeholders is "?,?,…" for n values of an SQL IN list.
func Placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
