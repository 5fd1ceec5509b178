package logic

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/zeromicro/go-zero/core/conf"

	"douyin/model"
	"douyin/model/stores"
	"douyin/pkg/testenv"
	"douyin/pkg/timeunit"
	"douyin/pkg/xerr"
	"douyin/rpc/video/internal/config"
	"douyin/rpc/video/internal/svc"
	"douyin/rpc/video/pb"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// serviceContext is the service as the tests see it, built once.
var serviceContext = testenv.Lazy(func(env *testenv.Env) *svc.ServiceContext {
	c := config.Config{Conf: storeConf(env)}
	if err := conf.FillDefault(&c.Lists); err != nil { // the list caps an etc file gets
		panic(err)
	}
	return svc.NewServiceContext(c)
})

func storeConf(env *testenv.Env) stores.Conf {
	return stores.Conf{Mysql: stores.MysqlConf{DataSource: env.DataSource}, CacheRedis: env.CacheConf(),
		DataRedis: env.RedisConf(), LikeShards: len(env.Shards())}
}

// otherStores are the stores of another service (follows are the social
// service's), on the same servers.
var otherStores = testenv.Lazy(func(env *testenv.Env) *stores.Stores { return stores.New(storeConf(env)) })

func newUser(t *testing.T, name string) int64 {
	t.Helper()
	res, err := serviceContext().User.Insert(context.Background(), &model.User{Username: name, Password: "x", CreatedAt: timeunit.NowMs()})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func publish(t *testing.T, author int64, title string) int64 {
	t.Helper()
	resp, err := NewPublishLogic(context.Background(), serviceContext()).Publish(&pb.PublishReq{
		AuthorId: author, Title: title, PlayKey: "videos/" + title + ".mp4", CoverKey: "covers/" + title + ".jpg"})
	if err != nil {
		t.Fatal(err)
	}
	return resp.VideoId
}

func feed(t *testing.T, latest int64) *pb.FeedResp {
	t.Helper()
	resp, err := NewFeedLogic(context.Background(), serviceContext()).Feed(&pb.FeedReq{LatestTime: latest})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func ids(videos []*pb.VideoInfo) []int64 {
	out := make([]int64, len(videos))
	for i, v := range videos {
		out[i] = v.Id
	}
	return out
}

// The tests share one database; this one runs first, while it is empty.
func TestEmptyFeedThenPublishes(t *testing.T) {
	before := timeunit.NowMs()
	empty := feed(t, 0)
	if len(empty.Videos) != 0 || empty.NextTime < before {
		t.Fatalf("empty database: %d videos, next_time %d", len(empty.Videos), empty.NextTime)
	}

	ctx := context.Background()
	s := serviceContext()
	author := newUser(t, "publisher")
	if _, err := s.User.FindOne(ctx, author); err != nil { // a cached row, soon stale
		t.Fatal(err)
	}
	first := publish(t, author, "first")
	time.Sleep(2 * time.Millisecond) // distinct publish times
	second := publish(t, author, "second")

	// The author's row (cached before) counts both, and the feed starts with them.
	u, err := s.User.FindOne(ctx, author)
	if err != nil || u.WorkCount != 2 {
		t.Fatalf("work_count after two publishes: %+v %v", u, err)
	}
	page := feed(t, 0)
	if !slices.Equal(ids(page.Videos), []int64{second, first}) {
		t.Fatalf("feed: %v, want [%d %d]", ids(page.Videos), second, first)
	}
	v := page.Videos[0]
	if v.AuthorId != author || v.Title != "second" || v.PlayKey != "videos/second.mp4" || v.CoverKey != "covers/second.jpg" {
		t.Fatalf("video: %+v", v)
	}
	if len(page.Authors) != 1 || page.Authors[0].Id != author || page.Authors[0].WorkCount != 2 {
		t.Fatalf("the page's authors, each once: %v", page.Authors)
	}
	if page.NextTime != page.Videos[1].CreatedAt {
		t.Fatalf("next_time %d is not the oldest video's time %d", page.NextTime, page.Videos[1].CreatedAt)
	}
	// Strictly before: from the second's own time only the first is older.
	if got := ids(feed(t, v.CreatedAt).Videos); !slices.Equal(got, []int64{first}) {
		t.Fatalf("feed before the second: %v", got)
	}
	// Nothing older than the first: wrap around to the newest page.
	if got := ids(feed(t, page.Videos[1].CreatedAt).Videos); !slices.Equal(got, []int64{second, first}) {
		t.Fatalf("wrap-around: %v", got)
	}

	// An unknown author is refused and nothing is written.
	_, err = NewPublishLogic(ctx, s).Publish(&pb.PublishReq{AuthorId: 987654, Title: "t", PlayKey: "videos/x.mp4"})
	if !xerr.Is(err, xerr.UserNotFound) {
		t.Fatalf("unknown author: %v", err)
	}
	if n := testenv.Get().QueryInt(t, "select count(*) from video"); n != 2 {
		t.Fatalf("%d rows after a refused publish", n)
	}
}

func TestFeedPagesOverTheTimelineCapAndColdRedis(t *testing.T) {
	s := serviceContext()
	author := newUser(t, "pager")
	db := testenv.Get().SQL(t)
	// 70 videos in 2019, a second apart: older than any other test's.
	const base, count = int64(1546300800000), 70
	for i := 0; i < count; i++ {
		if _, err := db.Exec("insert into video (author_id, title, play_key, created_at) values (?, ?, 'k', ?)",
			author, fmt.Sprint(i), base+int64(i)*1000); err != nil {
			t.Fatal(err)
		}
	}
	for _, round := range []string{"cold", "warm"} {
		if round == "cold" {
			if err := s.Video.Timeline().Drop(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		cursor, seen := base+count*1000, 0
		for _, want := range []int{30, 30, 10} {
			page := feed(t, cursor)
			if len(page.Videos) != want {
				t.Fatalf("%s: %d videos before %d, want %d", round, len(page.Videos), cursor, want)
			}
			for _, v := range page.Videos {
				if v.CreatedAt >= cursor {
					t.Fatalf("%s: video at %d is not before %d", round, v.CreatedAt, cursor)
				}
				if want := base + int64(count-1-seen)*1000; v.CreatedAt != want {
					t.Fatalf("%s: video at %d, want %d (newest first, none skipped)", round, v.CreatedAt, want)
				}
				seen++
			}
			cursor = page.NextTime
		}
	}
}

func TestPublishListAndGetVideos(t *testing.T) {
	ctx := context.Background()
	s := serviceContext()
	author, other := newUser(t, "lister"), newUser(t, "nobody-published")
	a := publish(t, author, "a")
	time.Sleep(2 * time.Millisecond)
	b := publish(t, author, "b")

	list, err := NewPublishListLogic(ctx, s).PublishList(&pb.PublishListReq{UserId: author})
	if err != nil || !slices.Equal(ids(list.Videos), []int64{b, a}) {
		t.Fatalf("publish list: %v %v", ids(list.GetVideos()), err)
	}
	// The list carries its author once, as the viewer sees them.
	if len(list.Authors) != 1 || list.Authors[0].Id != author || list.Authors[0].Name != "lister" ||
		list.Authors[0].WorkCount != 2 || list.Authors[0].IsFollow {
		t.Fatalf("publish list authors: %v", list.Authors)
	}
	if _, err := otherStores().Follow().Follow(ctx, other, author, s.User); err != nil {
		t.Fatal(err)
	}
	seen, err := NewGetVideosLogic(ctx, s).GetVideos(&pb.GetVideosReq{VideoIds: []int64{a}, ViewerId: other})
	if err != nil || len(seen.Authors) != 1 || !seen.Authors[0].IsFollow || seen.Authors[0].FollowerCount != 1 {
		t.Fatalf("authors as a follower sees them: %v %v", seen, err)
	}
	if list, err := NewPublishListLogic(ctx, s).PublishList(&pb.PublishListReq{UserId: other}); err != nil || len(list.Videos) != 0 {
		t.Fatalf("empty publish list: %v %v", list, err)
	}
	if _, err := NewPublishListLogic(ctx, s).PublishList(&pb.PublishListReq{UserId: 987655}); !xerr.Is(err, xerr.UserNotFound) {
		t.Fatalf("unknown user: %v", err)
	}
	got, err := NewGetVideosLogic(ctx, s).GetVideos(&pb.GetVideosReq{VideoIds: []int64{a, 987656, b, a}})
	if err != nil || !slices.Equal(ids(got.Videos), []int64{a, b}) {
		t.Fatalf("get videos keeps the order, drops unknown ids and repeats: %v %v", ids(got.GetVideos()), err)
	}

	// PublishedKeys finds keys only inside the time window.
	v, _ := s.Video.FindOne(ctx, a)
	keys := []string{"videos/a.mp4", "videos/b.mp4", "videos/never.mp4"}
	found, err := NewPublishedKeysLogic(ctx, s).PublishedKeys(&pb.PublishedKeysReq{PlayKeys: keys, Since: v.CreatedAt - 1000, Until: v.CreatedAt + 60000})
	slices.Sort(found.GetPlayKeys())
	if err != nil || !slices.Equal(found.PlayKeys, []string{"videos/a.mp4", "videos/b.mp4"}) {
		t.Fatalf("published keys: %v %v", found, err)
	}
	found, err = NewPublishedKeysLogic(ctx, s).PublishedKeys(&pb.PublishedKeysReq{PlayKeys: keys, Since: 0, Until: v.CreatedAt - 1})
	if err != nil || len(found.PlayKeys) != 0 {
		t.Fatalf("published keys outside the window: %v %v", found, err)
	}
}
