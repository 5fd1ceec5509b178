package pages

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"douyin/model"
	"douyin/pkg/likestore"
	"douyin/pkg/testenv"
)

// A page merges rows, like counts, the viewer's likes and the authors as the
// viewer sees them, the same whether everything is cold (authors unknown, like
// state and follow set not loaded) or warm.
func TestVideoPageMergesEverythingColdAndWarm(t *testing.T) {
	ctx := context.Background()
	m := testModels()
	viewer := insertUser(t, m, "page-viewer")
	followed, other := insertUser(t, m, "page-followed"), insertUser(t, m, "page-other")
	a1, b1, a2 := insertVideo(t, m, followed), insertVideo(t, m, other), insertVideo(t, m, followed)
	if _, err := m.Conn.ExecCtx(ctx, "insert into follow (user_id, to_user_id, created_at) values (?, ?, 1)", viewer, followed); err != nil {
		t.Fatal(err)
	}
	// The viewer liked b1 (in MySQL: the like state loads from the shard), and
	// the like store counts two likes of a1 that MySQL does not have yet.
	if _, err := m.Conn.ExecCtx(ctx, fmt.Sprintf("insert into %s (`user_id`, `video_id`, `liked`, `updated_at`) values (?, ?, 1, 1)",
		m.Favorites.Table(viewer)), viewer, b1); err != nil {
		t.Fatal(err)
	}
	if err := m.Redis.HsetCtx(ctx, likestore.VideoLikeCounts, strconv.FormatInt(a1, 10), "2"); err != nil {
		t.Fatal(err)
	}

	ids := []int64{a2, b1, 987650, a1, a2}
	for _, round := range []string{"cold", "warm"} {
		if _, known := m.authors.of([]int64{a1, b1, a2}); known != (round == "warm") {
			t.Fatalf("%s: authors known = %v", round, known)
		}
		page, err := m.VideoPage(ctx, viewer, ids)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, v := range page.Videos {
			got = append(got, v.Id)
		}
		if !slices.Equal(got, []int64{a2, b1, a1}) {
			t.Fatalf("%s: videos %v, want the order asked, each once, the unknown left out", round, got)
		}
		if page.Videos[2].FavoriteCount != 2 || page.Videos[0].FavoriteCount != 0 {
			t.Fatalf("%s: favorite counts %d %d, want the like store's count", round, page.Videos[2].FavoriteCount, page.Videos[0].FavoriteCount)
		}
		if !page.Liked[b1] || page.Liked[a1] || page.Liked[a2] {
			t.Fatalf("%s: liked %v, want only b1", round, page.Liked)
		}
		if len(page.Authors) != 2 || page.Authors[0].Id != followed || page.Authors[1].Id != other {
			t.Fatalf("%s: authors %+v, want each once in the order of their first video", round, page.Authors)
		}
		if !page.Authors[0].IsFollow || page.Authors[1].IsFollow || page.Authors[0].Username != "page-followed" {
			t.Fatalf("%s: authors as the viewer sees them: %+v %+v", round, page.Authors[0], page.Authors[1])
		}
	}
	anonymous, err := m.VideoPage(ctx, 0, ids)
	if err != nil || len(anonymous.Liked) != 0 || anonymous.Authors[0].IsFollow {
		t.Fatalf("anonymous: %+v %v", anonymous, err)
	}
	if author, err := m.VideoAuthor(ctx, b1); err != nil || author != other {
		t.Fatalf("author of b1: %d %v", author, err)
	}
	if _, err := m.VideoAuthor(ctx, 987651); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("author of an unknown video: %v", err)
	}
	if empty, err := m.VideoPage(ctx, viewer, nil); err != nil || len(empty.Videos) != 0 || len(empty.Authors) != 0 {
		t.Fatalf("empty page: %+v %v", empty, err)
	}
}

func TestAuthorMemoStartsOverWhenFull(t *testing.T) {
	memo := newAuthorMemo()
	memo.remember([]*model.Video{{Id: 1, AuthorId: 10}, {Id: 2, AuthorId: 10}, {Id: 3, AuthorId: 30}})
	if authors, ok := memo.of([]int64{3, 1, 2}); !ok || !slices.Equal(authors, []int64{30, 10}) {
		t.Fatalf("authors %v %v", authors, ok)
	}
	if _, ok := memo.of([]int64{1, 4}); ok {
		t.Fatal("an unknown video's author was known")
	}
	many := make([]*model.Video, authorMemoSize)
	for i := range many {
		many[i] = &model.Video{Id: int64(100 + i), AuthorId: 7}
	}
	memo.remember(many)
	if _, ok := memo.of([]int64{1}); ok || len(memo.authors) != authorMemoSize {
		t.Fatalf("a full memo kept its old entries: %d", len(memo.authors))
	}
}

// The feed's head page is guessed from the last one, and the guess is checked
// against the timeline read with it: a publish, a deep page and the viewer's
// likes all come out right.
func TestFeedPageGuessesTheHeadAndChecksTheGuess(t *testing.T) {
	ctx := context.Background()
	m := testModels()
	if err := m.Video.Timeline().Drop(ctx); err != nil {
		t.Fatal(err)
	}
	author, viewer := insertUser(t, m, "feed-author"), insertUser(t, m, "feed-viewer")
	future := time.Now().Add(240 * time.Hour).UnixMilli() // newer than every other test's video
	publish := func(offset int64) int64 {
		t.Helper()
		id, err := m.Video.Publish(ctx, &model.Video{AuthorId: author, Title: "f", PlayKey: "p", CreatedAt: future + offset}, m.User)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	v1, v2, v3 := publish(1), publish(2), publish(3)
	head := func(viewer int64) *VideoPage {
		t.Helper()
		page, err := m.FeedPage(ctx, viewer, future+time.Hour.Milliseconds(), 3)
		if err != nil {
			t.Fatal(err)
		}
		return page
	}
	idsOf := func(page *VideoPage) []int64 {
		var ids []int64
		for _, v := range page.Videos {
			ids = append(ids, v.Id)
		}
		return ids
	}
	// The first read builds the timeline, the second sees the head and keeps it.
	for round := range 3 {
		if got := idsOf(head(0)); !slices.Equal(got, []int64{v3, v2, v1}) {
			t.Fatalf("round %d: head %v", round, got)
		}
	}
	if guess := m.feedHead.Load(); guess == nil || !slices.Equal(guess.ids, []int64{v3, v2, v1}) {
		t.Fatalf("the head was not kept: %+v", guess)
	}

	// A publish makes the guess wrong: the answer still has the new video.
	v4 := publish(4)
	if got := idsOf(head(0)); !slices.Equal(got, []int64{v4, v3, v2}) {
		t.Fatalf("after a publish: %v", got)
	}
	if guess := m.feedHead.Load(); !slices.Equal(guess.ids, []int64{v4, v3, v2}) {
		t.Fatalf("the new head was not kept: %v", guess.ids)
	}
	// A deep page is answered from the timeline and leaves the head's guess alone.
	deep, err := m.FeedPage(ctx, 0, future+3, 3)
	if err != nil || len(deep.Videos) < 2 || !slices.Equal(idsOf(deep)[:2], []int64{v2, v1}) {
		t.Fatalf("deep page: %v %v", idsOf(deep), err)
	}
	if guess := m.feedHead.Load(); !slices.Equal(guess.ids, []int64{v4, v3, v2}) {
		t.Fatalf("a deep page replaced the head: %v", guess.ids)
	}
	// Through the guess, the viewer's likes and follows are the viewer's own.
	if _, err := m.Likes.SetLiked(ctx, likestore.Change{UserID: viewer, VideoID: v3, AuthorID: author, Liked: true}, time.Minute, time.Hour); err != nil {
		t.Fatal(err)
	}
	page := head(viewer)
	if !page.Liked[v3] || page.Liked[v4] || len(page.Authors) != 1 || page.Authors[0].Id != author {
		t.Fatalf("viewer's head: liked %v, authors %+v", page.Liked, page.Authors)
	}
	if page.Videos[1].FavoriteCount != 1 {
		t.Fatalf("the pending like is not counted: %+v", page.Videos[1])
	}
	if anonymous := head(0); len(anonymous.Liked) != 0 {
		t.Fatalf("an anonymous head has likes: %v", anonymous.Liked)
	}
}

// With the row cache and the data Redis at two addresses, a page takes one
// pipeline per node and reads the same. (Both addresses name the test's one
// Redis server, so the data is shared; only the clients differ.)
func TestPagesReadTheSameWithTwoRedisNodes(t *testing.T) {
	ctx := context.Background()
	one := testModels()
	env := testenv.Get()
	cache := env.CacheConf()
	cache[0].Host = strings.Replace(env.RedisAddr, "127.0.0.1", "localhost", 1)
	two := newFixture(cache)
	if two.CacheNode.Addr == two.Redis.Addr {
		t.Fatal("the nodes were not split")
	}
	viewer, author := insertUser(t, one, "split-viewer"), insertUser(t, one, "split-author")
	a, b := insertVideo(t, one, author), insertVideo(t, one, author)
	if _, err := one.Conn.ExecCtx(ctx, "insert into follow (user_id, to_user_id, created_at) values (?, ?, 1)", viewer, author); err != nil {
		t.Fatal(err)
	}
	if _, err := one.Likes.SetLiked(ctx, likestore.Change{UserID: viewer, VideoID: b, AuthorID: author, Liked: true}, time.Minute, time.Hour); err != nil {
		t.Fatal(err)
	}
	for _, round := range []string{"cold", "warm"} {
		for name, m := range map[string]*fixture{"one node": one, "two nodes": two} {
			page, err := m.VideoPage(ctx, viewer, []int64{a, b})
			if err != nil {
				t.Fatalf("%s, %s: %v", name, round, err)
			}
			if len(page.Videos) != 2 || page.Videos[1].FavoriteCount != 1 || !page.Liked[b] || page.Liked[a] {
				t.Fatalf("%s, %s: videos %+v liked %v", name, round, page.Videos, page.Liked)
			}
			if len(page.Authors) != 1 || !page.Authors[0].IsFollow || page.Authors[0].FavoriteCount != 0 {
				t.Fatalf("%s, %s: authors %+v", name, round, page.Authors)
			}
		}
	}
	views, err := two.UserViews(ctx, viewer, []int64{viewer})
	if err != nil || views[viewer].FavoriteCount != 1 {
		t.Fatalf("the viewer's pending like on two nodes: %+v %v", views[viewer], err)
	}
}

func TestUserViewsMergeRowsFollowsAndLikeCounts(t *testing.T) {
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
	// The like store's counts win over the row's columns (MySQL may be behind
	// them, or already hold a batch whose snapshot is not cleared yet).
	if err := m.Redis.HsetCtx(ctx, likestore.AuthorLikeCounts, strconv.FormatInt(author, 10), "7"); err != nil {
		t.Fatal(err)
	}
	if err := m.Redis.HsetCtx(ctx, likestore.UserLikeCounts, strconv.FormatInt(author, 10), "5"); err != nil {
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
	// The unknown id is remembered as such, in go-zero's own format ("*").
	if v, _ := m.CacheNode.GetCtx(ctx, m.User.Rows().Key(987654)); v != "*" {
		t.Fatalf("unknown id cached as %q", v)
	}
}
