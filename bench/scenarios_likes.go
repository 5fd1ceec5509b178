package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	red "github.com/redis/go-redis/v9"
)

func init() {
	// The flush cost first: the MySQL counters it reads are global, and the
	// like-rate scenario leaves flushes behind.
	register(Scenario{Name: "like_flush_cost", Setup: noSetup, Load: likeFlushCost})
	register(Scenario{Name: "favorite_action", Setup: likeRequests, Load: likeLoad})
}

// likeRequests makes every request change a like: each worker is a user who
// likes then unlikes the same videos in turn.
func likeRequests(b *Bench) (Request, error) {
	users := make([]User, *concurrency)
	for i := range users {
		u, err := b.NewUser("liker")
		if err != nil {
			return nil, err
		}
		users[i] = u
	}
	videos, err := b.videoIDs()
	if err != nil {
		return nil, err
	}
	return func(worker, i int) (*http.Request, error) {
		action := 1 + (i/len(videos))%2
		return post(b.Gateway+"/douyin/favorite/action/", url.Values{"token": {users[worker].Token},
			"video_id": {fmt.Sprint(videos[i%len(videos)])}, "action_type": {strconv.Itoa(action)}})(worker, i)
	}, nil
}

// likeLoad measures the peak rate (closed loop), then the latency at 60 % of it
// (open loop: requests sent on a fixed schedule, whatever the answers).
func likeLoad(b *Bench, req Request) ([]result, error) {
	peak, err := b.paired("favorite_action", req)
	if err != nil {
		return nil, err
	}
	paced, err := b.openLoop("favorite_action at 60% of peak", req, 0.6*peak.PerSecond, *duration)
	if err != nil {
		return nil, err
	}
	return []result{peak, paced}, nil
}

// openLoop sends rate requests per second for d on a fixed schedule.
func (b *Bench) openLoop(name string, req Request, rate float64, d time.Duration) (result, error) {
	interval := time.Duration(float64(time.Second) / rate)
	var (
		wg                 sync.WaitGroup
		mu                 sync.Mutex
		latencies          []time.Duration
		requests, failures atomic.Int64
	)
	start := time.Now()
	for i := 0; time.Since(start) < d; i++ {
		if wait := time.Until(start.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		r, err := req(i%*concurrency, i / *concurrency)
		if err != nil {
			return result{}, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			err := b.Do(r)
			lat := time.Since(t0)
			requests.Add(1)
			if err != nil {
				failures.Add(1)
			}
			mu.Lock()
			latencies = append(latencies, lat)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res := result{Name: name, Requests: requests.Load(), Failures: failures.Load(),
		PerSecond: float64(requests.Load()-failures.Load()) / d.Seconds()}
	res.P50, res.P99 = percentiles(latencies)
	res.Note = fmt.Sprintf("offered %.0f/s", rate)
	return res, nil
}

// likeFlushCost: 100 users like 100 videos each within the flush window; then it
// counts what reached MySQL (transactions, statements) and what each like cost
// in Redis.
func likeFlushCost(b *Bench, _ Request) ([]result, error) {
	const users, perUser = 100, 100
	videos, err := b.videoIDs()
	if err != nil {
		return nil, err
	}
	for len(videos) < perUser { // enough distinct videos: publish list ids repeat otherwise
		if err := fillVideosVia(b, perUser); err != nil {
			return nil, err
		}
		if videos, err = b.videoIDs(); err != nil {
			return nil, err
		}
	}
	likers := make([]User, users)
	for i := range likers {
		if likers[i], err = b.NewUser("flusher"); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("mysql", b.Env.DataSource)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	commitsBefore, queriesBefore := mysqlStatus(db, "Com_commit"), mysqlStatus(db, "Questions")
	redisBefore := redisCommands(b.Env.RedisAddr)

	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, users)
	for _, u := range likers {
		wg.Add(1)
		go func(u User) {
			defer wg.Done()
			for _, v := range videos[:perUser] {
				if err := b.Action("/douyin/favorite/action/", url.Values{"token": {u.Token},
					"video_id": {fmt.Sprint(v)}, "action_type": {"1"}}); err != nil {
					errs <- err
					return
				}
			}
		}(u)
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	liked := time.Since(start)
	redisAfter := redisCommands(b.Env.RedisAddr)

	// Wait for the flushes: every like in the shard tables.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var rows int
		var sb strings.Builder
		for i, shard := range b.Env.Shards() {
			if i > 0 {
				sb.WriteString(" union all ")
			}
			fmt.Fprintf(&sb, "select count(*) as n from %s where liked = 1 and user_id >= %d", shard, likers[0].ID)
		}
		if err := db.QueryRow("select sum(n) from (" + sb.String() + ") t").Scan(&rows); err != nil {
			return nil, err
		}
		if rows >= users*perUser {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("only %d of %d likes flushed after 3 minutes", rows, users*perUser)
		}
		time.Sleep(time.Second)
	}
	flushed := time.Since(start)
	likes := float64(users * perUser)
	commits := mysqlStatus(db, "Com_commit") - commitsBefore
	queries := mysqlStatus(db, "Questions") - queriesBefore
	return []result{{
		Name:     "like flush: 100 users × 100 videos",
		Requests: int64(likes),
		Note: fmt.Sprintf("liked in %v, all in MySQL after %v; MySQL: %d commits (%.0f likes per transaction), "+
			"%d statements in all during the run (%.2f per like, reads included); Redis: %.1f commands per like",
			liked.Round(time.Millisecond), flushed.Round(time.Second), commits, likes/float64(max(commits, 1)),
			queries, float64(queries)/likes, float64(redisAfter-redisBefore)/likes),
	}}, nil
}

func (b *Bench) videoIDs() ([]int64, error) {
	var ids []int64
	rows, err := sqlDB(b).Query("select id from video order by id desc limit 200")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func fillVideosVia(b *Bench, n int) error { return fillVideos(sqlDB(b), n) }

var (
	dbOnce sync.Once
	db     *sql.DB
)

func sqlDB(b *Bench) *sql.DB {
	dbOnce.Do(func() { db, _ = sql.Open("mysql", b.Env.DataSource) })
	return db
}

func mysqlStatus(db *sql.DB, name string) int64 {
	var key string
	var value int64
	_ = db.QueryRow("show global status like '"+name+"'").Scan(&key, &value)
	return value
}

// redisCommands is the number of commands the private Redis has run, those
// inside Lua scripts included.
func redisCommands(addr string) int64 {
	client := red.NewClient(&red.Options{Addr: addr})
	defer client.Close()
	info, err := client.Info(context.Background(), "stats").Result()
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, "total_commands_processed:"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}
