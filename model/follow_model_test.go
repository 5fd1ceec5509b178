package model

import (
	"context"
	"testing"
	"time"

	"douyin/pkg/rediscoll"
	"douyin/pkg/testenv"
)

func insertUser(t *testing.T, m *testSet, name string) int64 {
	t.Helper()
	res, err := m.User.Insert(context.Background(), &User{Username: name, Password: "x", CreatedAt: time.Now().UnixMilli()})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func TestFollowSetLoadRacingAnInvalidationStoresNothing(t *testing.T) {
	ctx := context.Background()
	m := testModels()
	follows := NewFollowModel(m.Conn, testenv.Get().CacheConf(), m.CacheNode).(*customFollowModel)
	owner, target := insertUser(t, m, "race-owner"), insertUser(t, m, "race-target")

	// A reader loads the set (empty in MySQL) while a writer commits a follow and
	// invalidates: the reader's stale answer must not be cached.
	racing := rediscoll.NewIDSet(m.CacheNode, followingSetPrefix, time.Hour, func(ctx context.Context, o int64) ([]int64, error) {
		ids, err := follows.followingIDs()(ctx, o)
		if _, err := m.Conn.ExecCtx(ctx, "insert into follow (user_id, to_user_id, created_at) values (?, ?, 1)", owner, target); err != nil {
			t.Fatal(err)
		}
		if err := follows.InvalidateFollowing(ctx, owner); err != nil {
			t.Fatal(err)
		}
		return ids, err
	})
	in, err := racing.Among(ctx, owner, []int64{target})
	if err != nil || in[target] {
		t.Fatalf("the racing read: %v %v", in, err)
	}
	in, err = m.Follow.FollowedAmong(ctx, owner, []int64{target})
	if err != nil || !in[target] {
		t.Fatalf("after the race the follow is missing: %v %v", in, err)
	}
}
