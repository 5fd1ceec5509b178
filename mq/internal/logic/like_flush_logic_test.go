package logic

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	red "github.com/redis/go-redis/v9"
	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/model/stores"
	"douyin/mq/internal/config"
	"douyin/mq/internal/svc"
	"douyin/mq/jobtype"
	"douyin/pkg/likestore"
	"douyin/pkg/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// fixture is a flush worker's service context plus what the social service
// does on a like, against the test MySQL and Redis.
type fixture struct {
	t               *testing.T
	ctx             context.Context
	svcCtx          *svc.ServiceContext
	db              *sql.DB
	rds             *redis.Redis // the data Redis, for what the test checks itself
	delay, maxDelay time.Duration

	mu      sync.Mutex
	flushes map[int64]int // batches written to MySQL, by user
}

func newFixture(t *testing.T, delay, maxDelay time.Duration) *fixture {
	env := testenv.Get()
	c := config.Config{Conf: stores.Conf{Mysql: stores.MysqlConf{DataSource: env.DataSource}, CacheRedis: env.CacheConf(),
		DataRedis: env.RedisConf(), LikeShards: env.LikeShards, AllowVolatileDataRedis: true}}
	c.LikeFlushMaxDelay = maxDelay
	c.Asynq.SweepEvery = time.Minute
	f := &fixture{t: t, ctx: context.Background(), svcCtx: svc.NewServiceContext(c), db: env.SQL(t),
		delay: delay, maxDelay: maxDelay, flushes: map[int64]int{}}
	f.rds = env.Redis() // the same shared client, and breaker, as the store's
	// go-zero's Redis breaker counts the CLIENT SETINFO that Redis < 7.2 refuses
	// on every new connection: a burst of new connections with no successes
	// before them opens it (the breaker is the shared client's). Successes first.
	if err := f.svcCtx.Likes.LoadScripts(f.ctx); err != nil {
		t.Fatal(err)
	}
	for range 200 {
		if err := f.rds.PingCtx(f.ctx); !err {
			t.Fatal("redis ping failed")
		}
	}
	return f
}

// startWorker runs an Asynq server with the flush handler until the test ends.
func (f *fixture) startWorker() {
	srv := asynq.NewServer(jobtype.RedisOpt(testenv.Get().RedisAddr, ""), asynq.Config{
		Concurrency:              20,
		DelayedTaskCheckInterval: 50 * time.Millisecond,
		RetryDelayFunc:           func(int, error, *asynq.Task) time.Duration { return 100 * time.Millisecond },
		LogLevel:                 asynq.FatalLevel,
	})
	mux := asynq.NewServeMux()
	mux.HandleFunc(jobtype.TypeLikeFlush, func(ctx context.Context, task *asynq.Task) error {
		p, err := jobtype.ParseLikeFlush(task)
		if err != nil {
			return err
		}
		b, err := NewLikeFlushLogic(ctx, f.svcCtx).flush(p.UserID)
		if b != nil {
			f.mu.Lock()
			f.flushes[p.UserID]++
			f.mu.Unlock()
		}
		return err
	})
	if err := srv.Start(mux); err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(srv.Shutdown)
}

func (f *fixture) flushCount(user int64) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.flushes[user]
}

// like is what the social service's FavoriteAction does after validation.
func (f *fixture) like(user, video, author int64, liked bool) {
	f.t.Helper()
	out, err := f.svcCtx.Likes.SetLiked(f.ctx, likestore.Change{UserID: user, VideoID: video, AuthorID: author,
		Liked: liked}, f.delay, f.maxDelay)
	if err != nil {
		f.t.Error(err)
		return
	}
	if out.Arm {
		if err := jobtype.EnqueueLikeFlush(f.ctx, f.svcCtx.Asynq, user, out.Due, ""); err != nil {
			f.t.Error(err)
		}
	}
}

var seq int64 = time.Now().UnixNano() % 1e9

// users inserts n users.
func (f *fixture) users(n int) []int64 {
	f.t.Helper()
	ids := make([]int64, n)
	for i := range ids {
		seq++
		res, err := f.db.Exec("insert into `user` (`username`, `password`, `created_at`) values (?, 'x', ?)",
			fmt.Sprintf("l%d", seq), time.Now().UnixMilli())
		if err != nil {
			f.t.Fatal(err)
		}
		ids[i], _ = res.LastInsertId()
	}
	return ids
}

// videos inserts n videos, the i-th by authors[i % len(authors)].
func (f *fixture) videos(n int, authors []int64) (ids []int64, authorOf map[int64]int64) {
	f.t.Helper()
	authorOf = map[int64]int64{}
	for i := 0; i < n; i++ {
		a := authors[i%len(authors)]
		res, err := f.db.Exec("insert into `video` (`author_id`, `title`, `play_key`, `created_at`, `process_state`) values (?, 't', 'k', ?, 'done')",
			a, time.Now().UnixMilli())
		if err != nil {
			f.t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		ids = append(ids, id)
		authorOf[id] = a
	}
	return ids, authorOf
}

// drain waits until users have nothing left to flush.
func (f *fixture) drain(users []int64) {
	f.t.Helper()
	keys := make([]string, 0, 2*len(users))
	for _, u := range users {
		keys = append(keys, "like:changes:"+strconv.FormatInt(u, 10), "like:flushing:"+strconv.FormatInt(u, 10))
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		n, err := f.rds.ExistsManyCtx(f.ctx, keys...)
		if err != nil {
			f.t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("%d users still have likes to flush", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// expectation is what the test computed: the final like state of every pair.
type expectation struct {
	liked    map[[2]int64]bool
	authorOf map[int64]int64
}

// check compares MySQL (shard rows, and counters after a drain: drained) and
// what readers see (the like store's counts, the MySQL columns where it has none).
func (f *fixture) check(users, videos []int64, exp expectation, drained bool) {
	f.t.Helper()
	exp.liked = maps.Clone(exp.liked)
	wantVideo := map[int64]int64{}
	wantFav := map[int64]int64{}
	wantFavd := map[int64]int64{}
	for pair, liked := range exp.liked {
		if liked {
			wantVideo[pair[1]]++
			wantFav[pair[0]]++
			wantFavd[exp.authorOf[pair[1]]]++
		}
	}
	// Shard rows: exactly the liked pairs have liked = 1.
	inUsers := map[int64]bool{}
	for _, u := range users {
		inUsers[u] = true
	}
	for _, table := range testenv.Get().Shards() {
		rows, err := f.db.Query(fmt.Sprintf("select `user_id`, `video_id`, `liked` from `%s`", table))
		if err != nil {
			f.t.Fatal(err)
		}
		for rows.Next() {
			var u, v, liked int64
			if err := rows.Scan(&u, &v, &liked); err != nil {
				f.t.Fatal(err)
			}
			if !inUsers[u] {
				continue
			}
			if want := fmt.Sprintf("favorite_%02d", u%int64(testenv.Get().LikeShards)); want != table {
				f.t.Errorf("user %d has rows in %s, not %s", u, table, want)
			}
			if (liked == 1) != exp.liked[[2]int64{u, v}] {
				f.t.Errorf("%s row (%d, %d) liked=%d, want %v", table, u, v, liked, exp.liked[[2]int64{u, v}])
			}
			delete(exp.liked, [2]int64{u, v}) // seen
		}
		_ = rows.Close()
	}
	for pair, liked := range exp.liked {
		if liked && inUsers[pair[0]] {
			f.t.Errorf("like (%d, %d) missing from MySQL", pair[0], pair[1])
		}
	}

	seenVideo, seenFav, seenFavd := f.counts(videos, users)
	for _, v := range videos {
		var n int64
		if err := f.db.QueryRow("select `favorite_count` from `video` where `id` = ?", v).Scan(&n); err != nil {
			f.t.Fatal(err)
		}
		if drained && n != wantVideo[v] {
			f.t.Errorf("video %d: MySQL favorite_count %d after the drain, want %d", v, n, wantVideo[v])
		}
		if seen := countOr(seenVideo, v, n); seen != wantVideo[v] {
			f.t.Errorf("video %d: readers see favorite_count %d, want %d", v, seen, wantVideo[v])
		}
	}
	for _, u := range users {
		var fav, favd int64
		if err := f.db.QueryRow("select `favorite_count`, `total_favorited` from `user` where `id` = ?", u).
			Scan(&fav, &favd); err != nil {
			f.t.Fatal(err)
		}
		if drained && (fav != wantFav[u] || favd != wantFavd[u]) {
			f.t.Errorf("user %d: MySQL favorite_count %d, total_favorited %d after the drain, want %d, %d",
				u, fav, favd, wantFav[u], wantFavd[u])
		}
		if seen, seenD := countOr(seenFav, u, fav), countOr(seenFavd, u, favd); seen != wantFav[u] || seenD != wantFavd[u] {
			f.t.Errorf("user %d: readers see favorite_count %d, total_favorited %d, want %d, %d",
				u, seen, seenD, wantFav[u], wantFavd[u])
		}
	}
}

// countOr is what a reader sees: the like store's count when it has one, the
// MySQL column otherwise.
func countOr(counts map[int64]int64, id, column int64) int64 {
	if n, ok := counts[id]; ok {
		return n
	}
	return column
}

// counts reads the like counts of videos and users the way a page does: the
// like store's count reads, in one pipeline.
func (f *fixture) counts(videos, users []int64) (video, given, received map[int64]int64) {
	f.t.Helper()
	var v, g, r *likestore.CountRead
	if err := f.rds.PipelinedCtx(f.ctx, func(p redis.Pipeliner) error {
		v = f.svcCtx.Likes.QueueVideoCounts(f.ctx, p, videos)
		g, r = f.svcCtx.Likes.QueueUserCounts(f.ctx, p, users)
		return nil
	}); err != nil && err != redis.Nil {
		f.t.Fatal(err)
	}
	var errs [3]error
	video, errs[0] = v.Result()
	given, errs[1] = g.Result()
	received, errs[2] = r.Result()
	for _, err := range errs {
		if err != nil {
			f.t.Fatal(err)
		}
	}
	return video, given, received
}

// 10,000 likes and unlikes from 200 users over 500 videos, concurrently, then a
// drain: every shard row and every counter is what the test computed.
func TestConcurrentLikesDrainExactly(t *testing.T) {
	f := newFixture(t, 200*time.Millisecond, time.Second)
	f.startWorker()
	users := f.users(200)
	videos, authorOf := f.videos(500, users[:50])
	exp := expectation{liked: map[[2]int64]bool{}, authorOf: authorOf}

	// Each user's actions run in order in its own goroutine, so the final
	// state of a pair is that of its last action; users run concurrently.
	finals := make([]map[int64]bool, len(users))
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(u))
			final := map[int64]bool{}
			for range 50 {
				v := videos[rnd.Intn(len(videos))]
				liked := rnd.Intn(10) < 7
				f.like(u, v, authorOf[v], liked)
				final[v] = liked
			}
			finals[i] = final
		}()
	}
	wg.Wait()
	for i, u := range users {
		for v, liked := range finals[i] {
			exp.liked[[2]int64{u, v}] = liked
		}
	}

	// Readers see every acknowledged like at once.
	for i, u := range users {
		ids := make([]int64, 0, len(finals[i]))
		for v := range finals[i] {
			ids = append(ids, v)
		}
		got, err := f.svcCtx.Likes.LikedAmong(f.ctx, u, ids)
		if err != nil {
			t.Fatal(err)
		}
		for v, liked := range finals[i] {
			if got[v] != liked {
				t.Errorf("LikedAmong(%d, %d) = %v, want %v", u, v, got[v], liked)
			}
		}
	}

	f.drain(users)
	f.check(users, videos, exp, true)
	total := 0
	for _, u := range users {
		total += f.flushCount(u)
	}
	t.Logf("10000 actions by 200 users: %d flush transactions", total)

	// A cold reader (state evicted) loads the flushed state back from the shards.
	for i, u := range users[:20] {
		if _, err := f.rds.DelCtx(f.ctx, "like:state:"+strconv.FormatInt(u, 10)); err != nil {
			t.Fatal(err)
		}
		list, err := f.svcCtx.Likes.LikedVideos(f.ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, liked := range finals[i] {
			if liked {
				want++
			}
		}
		if len(list) != want {
			t.Errorf("user %d reloaded: %d liked videos, want %d", u, len(list), want)
		}
	}
}

// The same batch delivered twice, or finished twice, counts once; a stale
// copy of an older batch is refused.
func TestRedeliveredBatchCountsOnce(t *testing.T) {
	f := newFixture(t, 0, 0)
	users := f.users(3)
	videos, authorOf := f.videos(4, users[2:])
	u, other := users[0], users[1]
	for _, v := range videos {
		f.like(u, v, authorOf[v], true)
	}
	b, due, err := f.svcCtx.Likes.TakeBatch(f.ctx, u)
	if err != nil || b == nil {
		t.Fatalf("take batch: %v %v %v", b, due, err)
	}
	for i := 0; i < 2; i++ {
		applied, err := f.svcCtx.LikeFlush.ApplyBatch(f.ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if applied != (i == 0) {
			t.Fatalf("delivery %d: applied = %v", i+1, applied)
		}
	}
	// Another user's pending like on the same video must survive a second clean-up.
	f.like(other, videos[0], authorOf[videos[0]], true)
	for i := 0; i < 2; i++ {
		if _, err := f.svcCtx.Likes.FinishBatch(f.ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	exp := expectation{liked: map[[2]int64]bool{}, authorOf: authorOf}
	for _, v := range videos {
		exp.liked[[2]int64{u, v}] = true
	}
	exp.liked[[2]int64{other, videos[0]}] = true
	f.check([]int64{u}, videos, exp, false)
	var n int64
	if err := f.db.QueryRow("select `favorite_count` from `video` where `id` = ?", videos[0]).Scan(&n); err != nil || n != 1 {
		t.Fatalf("MySQL favorite_count of video %d = %d, want 1 (the other user's like is not flushed)", videos[0], n)
	}

	// A whole flush task run twice.
	l := NewLikeFlushLogic(f.ctx, f.svcCtx)
	for i := 0; i < 2; i++ {
		if err := l.LikeFlush(other); err != nil {
			t.Fatal(err)
		}
	}
	f.check([]int64{u, other}, videos, exp, true)

	// A stalled worker holding an old snapshot: the newer batch was applied.
	f.like(u, videos[1], authorOf[videos[1]], false)
	stale, _, err := f.svcCtx.Likes.TakeBatch(f.ctx, u)
	if err != nil || stale == nil {
		t.Fatalf("take batch: %v %v", stale, err)
	}
	if err := l.LikeFlush(u); err != nil { // flushes the same snapshot
		t.Fatal(err)
	}
	f.like(u, videos[1], authorOf[videos[1]], true)
	if err := l.LikeFlush(u); err != nil { // a newer batch
		t.Fatal(err)
	}
	if applied, err := f.svcCtx.LikeFlush.ApplyBatch(f.ctx, stale); err != nil || applied {
		t.Fatalf("stale batch applied = %v, %v", applied, err)
	}
	f.check([]int64{u, other}, videos, exp, true)
}

// A worker killed between the MySQL commit and the Redis clean-up (or before
// the commit) and restarted: nothing lost, nothing counted twice, and the likes
// that arrived meanwhile are flushed by the follow-up.
func TestFlushKilledMidwayRecovers(t *testing.T) {
	f := newFixture(t, 0, 0)
	users := f.users(2)
	videos, authorOf := f.videos(6, users[1:])
	u := users[0]
	exp := expectation{liked: map[[2]int64]bool{}, authorOf: authorOf}
	for _, v := range videos[:4] {
		f.like(u, v, authorOf[v], true)
		exp.liked[[2]int64{u, v}] = true
	}
	b, _, err := f.svcCtx.Likes.TakeBatch(f.ctx, u)
	if err != nil || b == nil {
		t.Fatalf("take batch: %v %v", b, err)
	}
	if applied, err := f.svcCtx.LikeFlush.ApplyBatch(f.ctx, b); err != nil || !applied {
		t.Fatalf("apply: %v %v", applied, err)
	}
	// Killed here. Meanwhile the user goes on.
	f.like(u, videos[0], authorOf[videos[0]], false)
	f.like(u, videos[4], authorOf[videos[4]], true)
	exp.liked[[2]int64{u, videos[0]}] = false
	exp.liked[[2]int64{u, videos[4]}] = true

	// The retried task finishes the old snapshot without applying it again...
	l := NewLikeFlushLogic(f.ctx, f.svcCtx)
	if got, err := l.flush(u); err != nil || got != nil {
		t.Fatalf("retried flush wrote %v, %v; want nothing written", got, err)
	}
	// ...and a follow-up task was armed for the new likes.
	due, err := f.rds.HgetCtx(f.ctx, "like:changes:"+strconv.FormatInt(u, 10), "_due")
	if err != nil {
		t.Fatal(err)
	}
	inspector := asynq.NewInspector(jobtype.RedisOpt(testenv.Get().RedisAddr, ""))
	defer inspector.Close()
	armed := false
	for _, list := range []func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error){
		inspector.ListScheduledTasks, inspector.ListPendingTasks} {
		tasks, err := list("default", asynq.PageSize(1000))
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range tasks {
			armed = armed || strings.HasPrefix(task.ID, fmt.Sprintf("like-flush:%d:%s:w", u, due))
		}
	}
	if !armed {
		t.Fatal("no flush armed for the likes that arrived during the crashed flush")
	}
	// Killed before the commit this time: the retry applies the snapshot.
	b2, _, err := f.svcCtx.Likes.TakeBatch(f.ctx, u)
	if err != nil || b2 == nil {
		t.Fatalf("take batch: %v %v", b2, err)
	}
	if got, err := l.flush(u); err != nil || got == nil || got.Batch != b2.Batch {
		t.Fatalf("retried flush: %v, %v; want batch %d written", got, err, b2.Batch)
	}
	if got, err := l.flush(u); err != nil || got != nil {
		t.Fatalf("third flush: %v, %v; want nothing", got, err)
	}
	f.check(users, videos, exp, true)
}

// 100 likes by one user inside the delay make one flush, not 100.
func TestLikesInsideTheDelayMakeOneFlush(t *testing.T) {
	f := newFixture(t, 500*time.Millisecond, 10*time.Second)
	f.startWorker()
	users := f.users(2)
	videos, authorOf := f.videos(100, users[1:])
	u := users[0]
	exp := expectation{liked: map[[2]int64]bool{}, authorOf: authorOf}
	for _, v := range videos {
		f.like(u, v, authorOf[v], true)
		exp.liked[[2]int64{u, v}] = true
	}
	f.drain(users)
	if n := f.flushCount(u); n != 1 {
		t.Fatalf("%d flushes for 100 likes inside the delay, want 1", n)
	}
	f.check(users, videos, exp, true)
}

// A user liking non-stop, each like inside the delay of the previous one, is
// still flushed (the maximum delay), while still liking.
func TestNonStopLikerIsFlushedWithinMaxDelay(t *testing.T) {
	f := newFixture(t, 300*time.Millisecond, time.Second)
	f.startWorker()
	users := f.users(2)
	videos, authorOf := f.videos(1, users[1:])
	u, v := users[0], videos[0]
	exp := expectation{liked: map[[2]int64]bool{}, authorOf: authorOf}
	liked := false
	// Six maximum delays; Asynq rounds the deadlines up to whole seconds, so a
	// flush comes at most 2 s after the oldest unflushed like.
	stop := time.Now().Add(6 * time.Second)
	for time.Now().Before(stop) {
		liked = !liked
		f.like(u, v, authorOf[v], liked)
		time.Sleep(50 * time.Millisecond) // well inside the delay
	}
	flushedWhileLiking := f.flushCount(u)
	exp.liked[[2]int64{u, v}] = liked
	f.drain(users)
	if flushedWhileLiking < 2 {
		t.Fatalf("%d flushes during 6 s of non-stop liking with a 1 s maximum delay", flushedWhileLiking)
	}
	f.check(users, videos, exp, true)
}

// The request path costs at most 2 Redis round trips per like (the script and
// the Enqueue), counted by the Redis server itself.
func TestLikeCostsAtMostTwoRoundTrips(t *testing.T) {
	f := newFixture(t, time.Minute, time.Hour) // no flush in the way
	users := f.users(2)
	videos, authorOf := f.videos(100, users[1:])
	u := users[0]
	if _, err := f.svcCtx.Likes.LikedAmong(f.ctx, u, videos[:1]); err != nil { // warm the state
		t.Fatal(err)
	}
	if _, err := f.rds.DelCtx(f.ctx, "like:armed:"+strconv.FormatInt(u, 10)); err != nil {
		t.Fatal(err)
	}
	rdb := red.NewClient(&red.Options{Addr: testenv.Get().RedisAddr})
	defer rdb.Close()
	before := commandStats(t, rdb)
	const likes = 1000
	for i := 0; i < likes; i++ {
		v := videos[i%len(videos)]
		f.like(u, v, authorOf[v], i/len(videos)%2 == 0)
	}
	after := commandStats(t, rdb)
	var scripts, total int64
	for cmd, n := range after {
		n -= before[cmd]
		if cmd == "info" {
			continue
		}
		total += n
		if cmd == "evalsha" || cmd == "eval" {
			scripts += n
		}
	}
	t.Logf("per like: %.2f round trips (script calls), %.2f Redis commands (those run by the scripts included)",
		float64(scripts)/likes, float64(total)/likes)
	if scripts > 2*likes {
		t.Fatalf("%d script calls for %d likes", scripts, likes)
	}
}

func commandStats(t *testing.T, rdb *red.Client) map[string]int64 {
	info, err := rdb.Info(context.Background(), "commandstats").Result()
	if err != nil {
		t.Fatal(err)
	}
	stats := map[string]int64{}
	for _, line := range strings.Split(info, "\n") {
		// cmdstat_evalsha:calls=12,usec=...
		name, rest, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(line), "cmdstat_"), ":calls=")
		if !ok {
			continue
		}
		calls, _, _ := strings.Cut(rest, ",")
		stats[name], _ = strconv.ParseInt(calls, 10, 64)
	}
	return stats
}
