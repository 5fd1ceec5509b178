package model

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"douyin/pkg/likestore"
	"douyin/pkg/testenv"
)

// likedSets reads every user's liked and unliked videos through the shard
// router of n shards, as the processes read them.
func likedSets(t *testing.T, n int, users []int64) map[int64]string {
	t.Helper()
	shards := NewFavoriteShards(testModels().Conn, n)
	out := map[int64]string{}
	for _, u := range users {
		var rows []*Favorite
		err := testModels().Conn.QueryRowsCtx(context.Background(), &rows,
			"select * from "+shards.Table(u)+" where `user_id` = ? order by `video_id`", u)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range rows {
			fmt.Fprintf(&b, "%d=%d ", r.VideoId, r.Liked)
		}
		out[u] = b.String()
	}
	return out
}

// Resharding 4 → 8 → 2 (and back) keeps every user's rows exactly, puts them
// where the shard router looks, records each layout, and the layout check then
// refuses the old count with a message that names both fixes.
func TestReshardMovesEveryRowAndRecordsTheLayout(t *testing.T) {
	ctx := context.Background()
	env := testenv.Get()
	start := env.LikeShards
	conn := testModels().Conn
	layouts := NewLikeShardLayoutModel(conn)
	if err := layouts.Check(ctx, start); err != nil {
		t.Fatalf("the schema's layout: %v", err)
	}
	var users []int64
	for u := int64(9_100_000); u < 9_100_000+37; u++ {
		users = append(users, u)
		for v := int64(1); v <= u%7+1; v++ {
			_, err := conn.ExecCtx(ctx, "insert into "+NewFavoriteShards(conn, start).Table(u)+
				" (`user_id`, `video_id`, `liked`, `updated_at`) values (?, ?, ?, 1)", u, v*13+u%5, v%3 != 0)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	want := likedSets(t, start, users)
	t.Cleanup(func() {
		if _, err := Reshard(ctx, conn, start); err != nil {
			t.Errorf("reshard back to %d: %v", start, err)
		}
	})

	from := start
	for _, to := range []int{8, 2, start} {
		moved, err := Reshard(ctx, conn, to)
		if err != nil || moved != from {
			t.Fatalf("reshard %d → %d: moved from %d, %v", from, to, moved, err)
		}
		got := likedSets(t, to, users)
		for _, u := range users {
			if got[u] != want[u] {
				t.Fatalf("after %d → %d user %d (shard %d) has %q, want %q", from, to, u, likestore.Shard(u, to), got[u], want[u])
			}
		}
		if err := layouts.Check(ctx, to); err != nil {
			t.Fatalf("after %d → %d: %v", from, to, err)
		}
		if to != from {
			err := layouts.Check(ctx, from)
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("LIKE_SHARDS=%d", to)) ||
				!strings.Contains(err.Error(), fmt.Sprintf("make reshard TO=%d", from)) {
				t.Fatalf("a process with the old count %d: %v", from, err)
			}
		}
		tables := env.QueryInt(t, "select count(*) from information_schema.tables where table_schema = ? "+
			"and table_name regexp '^favorite_[0-9]+$'", env.DB)
		if tables != int64(to) {
			t.Fatalf("after %d → %d: %d shard tables", from, to, tables)
		}
		from = to
	}
}
