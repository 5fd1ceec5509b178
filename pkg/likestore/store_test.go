package likestore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/rediscoll"
	"douyin/pkg/redisx"
	"douyin/pkg/testenv"
)

// TestMain gives the package a fresh database and a private Redis (testenv).
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// testStore is a store over the test servers. Cold states load from the shard
// tables of the test database (model.FavoriteShards is the loader in the
// services; its own test covers it).
type testStore struct {
	Likes *Store
	Redis *redis.Redis
	DB    *sql.DB
}

func newTestStore(t *testing.T) testStore {
	env := testenv.Get()
	rds := redisx.MustNewRedis(env.RedisConf())
	db := env.SQL(t)
	return testStore{Likes: New(rds, shardTables{db: db, n: env.LikeShards}, counterColumns{db: db}), Redis: rds, DB: db}
}

// shardTables reads the likes of a user from the user's shard table.
type shardTables struct {
	db *sql.DB
	n  int
}

func (s shardTables) LikedVideos(ctx context.Context, user int64) ([]Liked, error) {
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf("select `video_id`, `updated_at` from `favorite_%02d` "+
		"where `user_id` = ? and `liked` = 1", Shard(user, s.n)), user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var liked []Liked
	for rows.Next() {
		var l Liked
		if err := rows.Scan(&l.VideoId, &l.UpdatedAt); err != nil {
			return nil, err
		}
		liked = append(liked, l)
	}
	return liked, rows.Err()
}

// counterColumns reads the like counters from the test database's video and
// user tables (model.LikeCounts is the loader in the services; its own test
// covers it).
type counterColumns struct{ db *sql.DB }

func (c counterColumns) LikeCounts(ctx context.Context, video, user, author int64) (Counts, error) {
	var n Counts
	err := c.db.QueryRowContext(ctx, "select "+
		"coalesce((select `favorite_count` from `video` where `id` = ?), 0), "+
		"coalesce((select `favorite_count` from `user` where `id` = ?), 0), "+
		"coalesce((select `total_favorited` from `user` where `id` = ?), 0)", video, user, author).
		Scan(&n.Video, &n.User, &n.Author)
	return n, err
}

// counts reads the like counts the way a page does: the count reads, in one
// pipeline.
func (m testStore) counts(t *testing.T, videos, users []int64) (video, given, received map[int64]int64) {
	t.Helper()
	ctx := context.Background()
	var reads [3]*CountRead
	if err := m.Redis.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
		reads[0] = m.Likes.QueueVideoCounts(ctx, p, videos)
		reads[1], reads[2] = m.Likes.QueueUserCounts(ctx, p, users)
		return nil
	}); err != nil && err != redis.Nil {
		t.Fatal(err)
	}
	var out [3]map[int64]int64
	for i, r := range reads {
		var err error
		if out[i], err = r.Result(); err != nil {
			t.Fatal(err)
		}
	}
	return out[0], out[1], out[2]
}

var likeTestUser int64 = 1_000_000 + time.Now().UnixNano()%1_000_000

func nextLikeUser() int64 {
	likeTestUser++
	return likeTestUser
}

// A load that raced with a flush (the flush deleted the guard) stores nothing.
func TestLikeStateLoadLosesToAFlush(t *testing.T) {
	m := newTestStore(t)
	ctx := context.Background()
	u := nextLikeUser()
	keys := []string{stateKey(u), stateGuard(u), flushingKey(u), changesKey(u)}
	if err := m.Redis.SetexCtx(ctx, stateGuard(u), "token", 10); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Redis.DelCtx(ctx, stateGuard(u)); err != nil { // what FinishBatch does
		t.Fatal(err)
	}
	res, err := m.Redis.ScriptRunCtx(ctx, fillScript, keys, "token", 60, rediscoll.LoadedMarker, 1000, 11)
	if err != nil || res.(int64) != 0 {
		t.Fatalf("fill after a flush: %v, %v; want refused", res, err)
	}
	if ok, _ := m.Redis.ExistsCtx(ctx, stateKey(u)); ok {
		t.Fatal("a stale load was stored")
	}
}

// Liking twice changes nothing the second time; the like counts start from
// MySQL's columns and follow the state; the deadline is min(now + delay, oldest change + max delay); only the
// first like of a window asks to arm a flush.
func TestSetLikedIsIdempotentAndKeepsCounts(t *testing.T) {
	m := newTestStore(t)
	ctx := context.Background()
	u, author := nextLikeUser(), nextLikeUser()
	res, err := m.DB.Exec("insert into `video` (`author_id`, `title`, `play_key`, `created_at`, `favorite_count`) "+
		"values (?, 'counted', 'x.mp4', 1, 5)", author)
	if err != nil {
		t.Fatal(err)
	}
	video, _ := res.LastInsertId()
	c := Change{UserID: u, VideoID: video, AuthorID: author, Liked: true}
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
	videos, fav, favd := m.counts(t, []int64{video}, []int64{u, author})
	if videos[video] != 6 || fav[u] != 1 || favd[author] != 1 || fav[author] != 0 || favd[u] != 0 {
		t.Fatalf("counts %v %v %v, want 6 (5 in MySQL + 1) and 1, 1", videos, fav, favd)
	}

	c.Liked = false
	unlike, err := m.Likes.SetLiked(ctx, c, delay, maxDelay)
	if err != nil || !unlike.Changed || unlike.Arm {
		t.Fatalf("unlike: %+v, %v", unlike, err)
	}
	videos, fav, favd = m.counts(t, []int64{video}, []int64{u, author})
	if videos[video] != 5 || fav[u] != 0 || favd[author] != 0 {
		t.Fatalf("counts after unlike %v %v %v, want 5, 0, 0", videos, fav, favd)
	}
	// A zero count stays: its field, not the row's column, is the count now.
	if ok, _ := m.Redis.HexistsCtx(ctx, UserLikeCounts, strconv.FormatInt(u, 10)); !ok {
		t.Fatal("a zero like count was dropped")
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
	m := newTestStore(t)
	ctx := context.Background()
	u := nextLikeUser()
	if _, err := m.Likes.SetLiked(ctx, Change{UserID: u, VideoID: 21, AuthorID: 1, Liked: true}, time.Minute, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Redis.DelCtx(ctx, stateKey(u)); err != nil {
		t.Fatal(err)
	}
	liked, err := m.Likes.LikedAmong(ctx, u, []int64{21})
	if err != nil || !liked[21] {
		t.Fatalf("LikedAmong after reload = %v, %v", liked, err)
	}
	if ttl, _ := m.Redis.TtlCtx(ctx, stateKey(u)); ttl != -1 {
		t.Fatalf("state with unflushed changes expires in %d s", ttl)
	}
}

func TestParseBatchNetsChanges(t *testing.T) {
	b, err := parseBatch(7, "99", []string{
		"100", "0", "1", "5", "50", // liked
		"101", "1", "0", "6", "50", // unliked
		"102", "1", "1", "7", "51", // unliked and liked again: a row, no count
	})
	if err != nil {
		t.Fatal(err)
	}
	if b.Batch != 99 || len(b.Rows) != 3 {
		t.Fatalf("batch %+v", b)
	}
	if fmt.Sprint(b.VideoLikes) != "map[100:1 101:-1]" || len(b.UserLikes) != 0 || len(b.AuthorLikes) != 0 {
		t.Fatalf("deltas %v %v %v", b.VideoLikes, b.UserLikes, b.AuthorLikes)
	}
	if _, err := parseBatch(7, "", []string{"100", "0", "1", "5", "50"}); err == nil {
		t.Fatal("a batch without id was accepted")
	}
	if _, err := parseBatch(7, "99", []string{"100", "", "", "", ""}); err == nil {
		t.Fatal("a value that is not a change was accepted")
	}
}
