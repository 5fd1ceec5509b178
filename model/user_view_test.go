package model

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"
)

func insertUser(t *testing.T, m *Models, name string) int64 {
	t.Helper()
	res, err := m.User.Insert(context.Background(), &User{Username: name, Password: "x", CreatedAt: time.Now().UnixMilli()})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func TestUserViewsMergeRowsFollowsAndPendingLikes(t *testing.T) {
	ctx := context.Background()
	m := testModels()
	viewer := insertUser(t, m, "view-viewer")
	author := insertUser(t, m, "view-author")
	if _, err := m.Conn.ExecCtx(ctx, "insert into follow (user_id, to_user_id, created_at) values (?, ?, 1)", viewer, author); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Conn.ExecCtx(ctx, "update user set total_favorited = 10, favorite_count = 1 where id = ?", author); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Redis.HincrbyCtx(ctx, likePendingUserFavorited, strconv.FormatInt(author, 10), -3); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Redis.HincrbyCtx(ctx, likePendingUserFavorites, strconv.FormatInt(author, 10), 4); err != nil {
		t.Fatal(err)
	}

	for _, round := range []string{"cold", "warm"} {
		views, err := m.UserViews(ctx, viewer, []int64{author, viewer, author, 987654})
		if err != nil {
			t.Fatal(err)
		}
		if len(views) != 2 {
			t.Fatalf("%s: %d views, want 2", round, len(views))
		}
		a := views[author]
		if !a.IsFollow || views[viewer].IsFollow {
			t.Fatalf("%s: follow flags %v %v", round, a.IsFollow, views[viewer].IsFollow)
		}
		if a.TotalFavorited != 7 || a.FavoriteCount != 5 || a.Username != "view-author" {
			t.Fatalf("%s: author %+v", round, a)
		}
	}
	anonymous, err := m.UserViews(ctx, 0, []int64{author})
	if err != nil || anonymous[author].IsFollow {
		t.Fatalf("anonymous: %+v %v", anonymous[author], err)
	}
	// The unknown id is remembered as such, in go-zero's own format.
	if v, _ := m.CacheNode.GetCtx(ctx, fmt.Sprintf("%s%d", cacheUserIdPrefix, 987654)); v != notFoundPlaceholder {
		t.Fatalf("unknown id cached as %q", v)
	}
}

func TestFollowSetLoadRacingAnInvalidationStoresNothing(t *testing.T) {
	ctx := context.Background()
	m := testModels()
	follows := m.Follow.(*customFollowModel)
	owner, target := insertUser(t, m, "race-owner"), insertUser(t, m, "race-target")

	// A reader loads the set (empty in MySQL) while a writer commits a follow and
	// invalidates: the reader's stale answer must not be cached.
	racing := follows.following
	racing.load = func(ctx context.Context, o int64) ([]int64, error) {
		ids, err := follows.followingIDs(ctx, o)
		if _, err := m.Conn.ExecCtx(ctx, "insert into follow (user_id, to_user_id, created_at) values (?, ?, 1)", owner, target); err != nil {
			t.Fatal(err)
		}
		if err := follows.InvalidateFollowing(ctx, owner); err != nil {
			t.Fatal(err)
		}
		return ids, err
	}
	in, err := racing.Among(ctx, owner, []int64{target})
	if err != nil || in[target] {
		t.Fatalf("the racing read: %v %v", in, err)
	}
	in, err = m.Follow.FollowedAmong(ctx, owner, []int64{target})
	if err != nil || !in[target] {
		t.Fatalf("after the race the follow is missing: %v %v", in, err)
	}
}
