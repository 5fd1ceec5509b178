package model

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

func newLikeModels(t *testing.T) *Models {
	env := testenv.Get()
	return NewModels(env.DataSource, env.CacheConf(), env.RedisConf(), WithLikeShards(env.LikeShards))
}

var likeTestUser int64 = 1_000_000 + time.Now().UnixNano()%1_000_000

func nextLikeUser() int64 {
	likeTestUser++
	return likeTestUser
}

// A cold state is loaded from the user's shard once: liked rows only, most
// recently liked first; a user without likes gets the loaded marker.
func TestColdLikeStateLoadsFromTheShard(t *testing.T) {
	m := newLikeModels(t)
	ctx := context.Background()
	u := nextLikeUser()
	db := testenv.Get().SQL(t)
	if _, err := db.Exec(fmt.Sprintf("insert into %s (`user_id`, `video_id`, `liked`, `updated_at`) values "+
		"(?, 11, 1, 1000), (?, 12, 0, 3000), (?, 13, 1, 2000)", m.Favorites.Table(u)), u, u, u); err != nil {
		t.Fatal(err)
	}
	liked, err := m.Likes.LikedAmong(ctx, u, []int64{11, 12, 13, 14})
	if err != nil {
		t.Fatal(err)
	}
	if !liked[11] || liked[12] || !liked[13] || liked[14] {
		t.Fatalf("LikedAmong = %v", liked)
	}
	// Loaded now: MySQL is no longer read (a row added behind its back is not seen).
	if _, err := db.Exec(fmt.Sprintf("insert into %s (`user_id`, `video_id`, `liked`, `updated_at`) values (?, 14, 1, 4000)",
		m.Favorites.Table(u)), u); err != nil {
		t.Fatal(err)
	}
	list, err := m.Likes.LikedVideos(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(list) != "[13 11]" {
		t.Fatalf("LikedVideos = %v, want [13 11]", list)
	}

	empty := nextLikeUser()
	if list, err := m.Likes.LikedVideos(ctx, empty); err != nil || len(list) != 0 {
		t.Fatalf("LikedVideos of a user without likes = %v, %v", list, err)
	}
	if n, err := m.Redis.ZcardCtx(ctx, likeStateKey(empty)); err != nil || n != 1 {
		t.Fatalf("state of a user without likes has %d members (%v), want the marker only", n, err)
	}
}

// A load that raced with a flush (the flush deleted the guard) stores nothing.
func TestLikeStateLoadLosesToAFlush(t *testing.T) {
	m := newLikeModels(t)
	ctx := context.Background()
	u := nextLikeUser()
	keys := []string{likeStateKey(u), likeStateGuard(u), likeFlushingKey(u), likeChangesKey(u)}
	if err := m.Redis.SetexCtx(ctx, likeStateGuard(u), "token", 10); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Redis.DelCtx(ctx, likeStateGuard(u)); err != nil { // what FinishBatch does
		t.Fatal(err)
	}
	res, err := m.Redis.ScriptRunCtx(ctx, likeFillScript, keys, "token", 60, 1000, 11)
	if err != nil || res.(int64) != 0 {
		t.Fatalf("fill after a flush: %v, %v; want refused", res, err)
	}
	if ok, _ := m.Redis.ExistsCtx(ctx, likeStateKey(u)); ok {
		t.Fatal("a stale load was stored")
	}
}

// Liking twice changes nothing the second time; the pending counts follow the
// state; the deadline is min(now + delay, oldest change + max delay); only the
// first like of a window asks to arm a flush.
func TestSetLikedIsIdempotentAndKeepsCounts(t *testing.T) {
	m := newLikeModels(t)
	ctx := context.Background()
	u, author := nextLikeUser(), nextLikeUser()
	video := nextLikeUser()
	c := LikeChange{UserID: u, VideoID: video, AuthorID: author, Liked: true}
	delay, maxDelay := 10*time.Second, time.Minute

	first, err := m.Likes.SetLiked(ctx, c, delay, maxDelay)
	if err != nil || !first.Changed || !first.Arm {
		t.Fatalf("first like: %+v, %v", first, err)
	}
	if d := time.Until(first.Due); d <= 0 || d > delay {
		t.Fatalf("due in %v, want within the delay", d)
	}
	again, err := m.Likes.SetLiked(ctx, c, delay, maxDelay)
	if err != nil || again.Changed || again.Arm {
		t.Fatalf("second like: %+v, %v", again, err)
	}
	videos, _ := m.Likes.VideoCountDeltas(ctx, []int64{video})
	fav, favd, _ := m.Likes.UserCountDeltas(ctx, []int64{u, author})
	if videos[video] != 1 || fav[u] != 1 || favd[author] != 1 || fav[author] != 0 || favd[u] != 0 {
		t.Fatalf("pending counts %v %v %v", videos, fav, favd)
	}

	c.Liked = false
	unlike, err := m.Likes.SetLiked(ctx, c, delay, maxDelay)
	if err != nil || !unlike.Changed || unlike.Arm {
		t.Fatalf("unlike: %+v, %v", unlike, err)
	}
	videos, _ = m.Likes.VideoCountDeltas(ctx, []int64{video})
	fav, favd, _ = m.Likes.UserCountDeltas(ctx, []int64{u, author})
	if len(videos)+len(fav)+len(favd) != 0 {
		t.Fatalf("pending counts after unlike %v %v %v", videos, fav, favd)
	}
	// A zero count leaves no field behind.
	if ok, _ := m.Redis.HexistsCtx(ctx, likePendingVideoFavorites, strconv.FormatInt(video, 10)); ok {
		t.Fatal("zero pending count kept")
	}

	// The snapshot nets the like and the unlike out: a row, no counter change.
	b, _, err := m.Likes.TakeBatch(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if b != nil {
		t.Fatalf("took a batch before its deadline: %+v", b)
	}
}

// A state lost while changes are unflushed (an eviction) is reloaded with them.
func TestReloadedStateKeepsUnflushedLikes(t *testing.T) {
	m := newLikeModels(t)
	ctx := context.Background()
	u := nextLikeUser()
	if _, err := m.Likes.SetLiked(ctx, LikeChange{UserID: u, VideoID: 21, AuthorID: 1, Liked: true}, time.Minute, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Redis.DelCtx(ctx, likeStateKey(u)); err != nil {
		t.Fatal(err)
	}
	liked, err := m.Likes.LikedAmong(ctx, u, []int64{21})
	if err != nil || !liked[21] {
		t.Fatalf("LikedAmong after reload = %v, %v", liked, err)
	}
	if ttl, _ := m.Redis.TtlCtx(ctx, likeStateKey(u)); ttl != -1 {
		t.Fatalf("state with unflushed changes expires in %d s", ttl)
	}
}

func TestParseBatchNetsChanges(t *testing.T) {
	b, _, err := parseBatch(7, []string{
		"_first", "1", "_due", "2", "_batch", "99",
		"100", "01:5:50", // liked
		"101", "10:6:50", // unliked
		"102", "11:7:51", // unliked and liked again: a row, no count
	})
	if err != nil {
		t.Fatal(err)
	}
	if b.Batch != 99 || len(b.Rows) != 3 {
		t.Fatalf("batch %+v", b)
	}
	if fmt.Sprint(b.VideoFavorites) != "map[100:1 101:-1]" || len(b.UserFavorites) != 0 || len(b.UserFavorited) != 0 {
		t.Fatalf("deltas %v %v %v", b.VideoFavorites, b.UserFavorites, b.UserFavorited)
	}
	if _, _, err := parseBatch(7, []string{"100", "01:5:50"}); err == nil {
		t.Fatal("a batch without id was accepted")
	}
}
