package model

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/zeromicro/go-zero/core/stores/redis"
	"github.com/zeromicro/go-zero/core/stores/sqlc"

	"douyin/pkg/rediscoll"
)

// timelineFixture is a timeline of capacity 5 over a table of its own, so the
// other tests' videos do not count.
func timelineFixture(t *testing.T) (*rediscoll.Timeline, func(id, ms int64)) {
	t.Helper()
	ctx := context.Background()
	m := testModels()
	for _, q := range []string{"drop table if exists video_timeline_test", "create table video_timeline_test like video"} {
		if _, err := m.Conn.ExecCtx(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := m.CacheNode.DelCtx(ctx, timelineKey, timelineKey+":loading"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = m.CacheNode.DelCtx(ctx, timelineKey, timelineKey+":loading") })
	tl := rediscoll.NewTimeline(m.CacheNode, timelineKey, 5, videoTimeline{conn: testCachedConn(), table: "video_timeline_test"})
	insert := func(id, ms int64) {
		if _, err := m.Conn.ExecCtx(ctx, "insert into video_timeline_test (id, author_id, title, play_key, created_at) values (?, 1, 't', 'k', ?)",
			id, ms); err != nil {
			t.Fatal(err)
		}
	}
	return tl, insert
}

func mustBefore(t *testing.T, tl *rediscoll.Timeline, ms int64, limit int) []int64 {
	t.Helper()
	ids, err := before(context.Background(), tl, ms, limit)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// members answers what the timeline set holds, oldest first, floor included.
func members(t *testing.T, tl *rediscoll.Timeline) []string {
	t.Helper()
	all, err := testModels().CacheNode.ZrangeCtx(context.Background(), timelineKey, 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestTimelineBuildsCapsAndFallsBackToMySQL(t *testing.T) {
	tl, insert := timelineFixture(t)
	const base = int64(1_700_000_000_000)
	// Ids 1..12, one second apart, but 7 and 8 share a millisecond at the cap.
	for id := int64(1); id <= 12; id++ {
		ms := base + id*1000
		if id == 7 {
			ms = base + 8*1000
		}
		insert(id, ms)
	}
	want := []int64{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
	far := base + 100_000

	// Cold: MySQL answers; the newest 5 go to Redis but for the shared millisecond.
	if got := mustBefore(t, tl, far, 30); !slices.Equal(got, want) {
		t.Fatalf("cold read: %v, want %v", got, want)
	}
	if got := members(t, tl); !slices.Equal(got, []string{fmt.Sprintf("floor:%d", base+8*1000+1), "9", "10", "11", "12"}) {
		t.Fatalf("timeline after the build: %v", got)
	}
	// Warm: the same answers, whether the page ends inside the set or beyond it.
	for _, c := range []struct {
		ms    int64
		limit int
		want  []int64
	}{
		{far, 30, want},
		{far, 3, []int64{12, 11, 10}},
		{base + 11*1000, 4, []int64{10, 9, 8, 7}},
		{base + 8*1000, 30, []int64{6, 5, 4, 3, 2, 1}},
		{base + 9*1000, 30, []int64{8, 7, 6, 5, 4, 3, 2, 1}},
		{base + 3*1000, 30, []int64{2, 1}},
		{base + 1000, 30, nil},
	} {
		if got := mustBefore(t, tl, c.ms, c.limit); !slices.Equal(got, c.want) {
			t.Errorf("before(%d, %d) = %v, want %v", c.ms-base, c.limit, got, c.want)
		}
	}

	// Publishes land at the head; past the cap they trim the tail, raising the floor.
	for id := int64(13); id <= 14; id++ {
		insert(id, base+id*1000)
		if err := tl.Add(context.Background(), id, base+id*1000); err != nil {
			t.Fatal(err)
		}
	}
	if got := members(t, tl); !slices.Equal(got, []string{fmt.Sprintf("floor:%d", base+9*1000+1), "10", "11", "12", "13", "14"}) {
		t.Fatalf("timeline after publishes: %v", got)
	}
	if got := mustBefore(t, tl, far, 30); !slices.Equal(got, append([]int64{14, 13}, want...)) {
		t.Fatalf("after publishes: %v", got)
	}

	// Redis lost the set: the floor went with it, and the next read rebuilds.
	if err := tl.Drop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := mustBefore(t, tl, base+12*1000, 2); !slices.Equal(got, []int64{11, 10}) {
		t.Fatalf("after losing the set: %v", got)
	}
	if got := members(t, tl); len(got) != 6 {
		t.Fatalf("not rebuilt: %v", got)
	}
}

func TestTimelinePublishDuringABuildCancelsIt(t *testing.T) {
	tl, insert := timelineFixture(t)
	ctx := context.Background()
	// A timeline that was never built ignores publishes: the build will read them.
	insert(1, 1000)
	if err := tl.Add(ctx, 1, 1000); err != nil {
		t.Fatal(err)
	}
	if got := members(t, tl); len(got) != 0 {
		t.Fatalf("an unbuilt timeline took a publish: %v", got)
	}
	// A build during which a publish came in stores nothing (the publish removed
	// its guard): the next read builds again.
	tl3 := rediscoll.NewTimeline(testModels().CacheNode, timelineKey, 5, publishDuringBuild{
		videoTimeline: videoTimeline{conn: testCachedConn(), table: "video_timeline_test"},
		publish:       func() { insert(2, 2000); _ = tl.Add(ctx, 2, 2000) },
	})
	if got := mustBefore(t, tl3, 5000, 30); !slices.Equal(got, []int64{2, 1}) {
		t.Fatalf("read during a cancelled build: %v", got)
	}
	if got := members(t, tl); len(got) != 0 {
		t.Fatalf("a cancelled build stored: %v", got)
	}
	// An empty table builds an empty timeline (just the floor) and answers nothing.
	tl2, _ := timelineFixture(t)
	if got := mustBefore(t, tl2, 5000, 30); len(got) != 0 {
		t.Fatalf("empty table: %v", got)
	}
	if got := members(t, tl2); !slices.Equal(got, []string{"floor:0"}) {
		t.Fatalf("empty timeline: %v", got)
	}
	if got := mustBefore(t, tl2, 5000, 30); len(got) != 0 {
		t.Fatalf("empty table, warm: %v", got)
	}
}

// before reads a page of the timeline in a round trip of its own.
func before(ctx context.Context, tl *rediscoll.Timeline, ms int64, limit int) ([]int64, error) {
	read := tl.Read(ms, limit)
	if err := testModels().CacheNode.PipelinedCtx(ctx, func(p redis.Pipeliner) error {
		read.Queue(ctx, p)
		return nil
	}); err != nil && err != redis.Nil {
		return nil, err
	}
	return read.Result(ctx)
}

// publishDuringBuild is a timeline source during whose build a video is published.
type publishDuringBuild struct {
	videoTimeline
	publish func()
}

func (s publishDuringBuild) Newest(ctx context.Context, limit int) ([]rediscoll.TimelineEntry, error) {
	newest, err := s.videoTimeline.Newest(ctx, limit)
	s.publish()
	return newest, err
}

func testCachedConn() sqlc.CachedConn {
	return sqlc.NewNodeConn(testModels().Conn, testModels().CacheNode)
}
