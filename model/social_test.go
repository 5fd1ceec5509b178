package model

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func insertVideo(t *testing.T, m *testSet, author int64) int64 {
	t.Helper()
	res, err := m.Video.Insert(context.Background(), &Video{AuthorId: author, Title: "t", PlayKey: "p", CreatedAt: time.Now().UnixMilli()})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func TestCommentsKeepCountAndListExactUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	m := testModels()
	user := insertUser(t, m, "comment-model-user")
	videoID := insertVideo(t, m, user)
	if list, err := m.Comment.ListByVideo(ctx, videoID, 1000); err != nil || len(list) != 0 {
		t.Fatalf("empty list: %v %v", list, err) // and now an empty list is cached
	}

	const posts = 20
	comments := make([]*Comment, posts)
	var wg sync.WaitGroup
	for i := range comments {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := m.Comment.Post(ctx, &Comment{VideoId: videoID, UserId: user, Content: fmt.Sprint(i), CreatedAt: 1}, m.Video)
			if err != nil {
				t.Error(err)
			}
			comments[i] = c
		}(i)
	}
	wg.Wait()
	// Each of the first half is deleted twice at once: one delete wins.
	removed := make(chan bool, posts)
	for _, c := range comments[:posts/2] {
		for j := 0; j < 2; j++ {
			wg.Add(1)
			go func(c *Comment) {
				defer wg.Done()
				ok, err := m.Comment.Remove(ctx, c, m.Video)
				if err != nil {
					t.Error(err)
				}
				removed <- ok
			}(c)
		}
	}
	wg.Wait()
	close(removed)
	wins := 0
	for ok := range removed {
		if ok {
			wins++
		}
	}
	if wins != posts/2 {
		t.Fatalf("%d deletes won, want %d", wins, posts/2)
	}
	v, err := m.Video.FindOne(ctx, videoID)
	if err != nil || v.CommentCount != posts/2 {
		t.Fatalf("comment_count %d (%v), want %d", v.CommentCount, err, posts/2)
	}
	list, err := m.Comment.ListByVideo(ctx, videoID, 1000)
	if err != nil || len(list) != posts/2 {
		t.Fatalf("list: %d comments (%v), want %d", len(list), err, posts/2)
	}
	for i := 1; i < len(list); i++ {
		if list[i].Id >= list[i-1].Id {
			t.Fatalf("not newest first: %d then %d", list[i-1].Id, list[i].Id)
		}
	}
	// The warm list is the same, and a post invalidates it.
	c, err := m.Comment.Post(ctx, &Comment{VideoId: videoID, UserId: user, Content: `<b>"x"</b>`, CreatedAt: 1}, m.Video)
	if err != nil {
		t.Fatal(err)
	}
	list, err = m.Comment.ListByVideo(ctx, videoID, 1000)
	if err != nil || len(list) != posts/2+1 || list[0].Id != c.Id || list[0].Content != `<b>"x"</b>` {
		t.Fatalf("list after a post: %v %v", list, err)
	}
}

func TestConcurrentDoubleFollowCountsOnce(t *testing.T) {
	ctx := context.Background()
	m := testModels()
	a := insertUser(t, m, "follow-model-a")
	b := insertUser(t, m, "follow-model-b")
	c := insertUser(t, m, "follow-model-c")
	// Load a's cached following set before the follow: the follow must refresh it.
	if among, err := m.Follow.FollowedAmong(ctx, a, []int64{b}); err != nil || among[b] {
		t.Fatalf("before: %v %v", among, err)
	}

	race := func(do func() (bool, error)) int {
		var wg sync.WaitGroup
		var mu sync.Mutex
		changed := 0
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := do()
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					changed++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return changed
	}
	if n := race(func() (bool, error) { return m.Follow.Follow(ctx, a, b, m.User) }); n != 1 {
		t.Fatalf("%d follows changed something, want 1", n)
	}
	counts := func(want string) {
		t.Helper()
		ua, err1 := m.User.FindOne(ctx, a)
		ub, err2 := m.User.FindOne(ctx, b)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if got := fmt.Sprintf("%d/%d %d/%d", ua.FollowCount, ua.FollowerCount, ub.FollowCount, ub.FollowerCount); got != want {
			t.Fatalf("counts (a follows/followers, b follows/followers) %s, want %s", got, want)
		}
	}
	counts("1/0 0/1")
	if among, err := m.Follow.FollowedAmong(ctx, a, []int64{b}); err != nil || !among[b] {
		t.Fatalf("the cached following set missed the follow: %v %v", among, err)
	}

	if _, err := m.Follow.Follow(ctx, c, b, m.User); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Follow.Follow(ctx, b, a, m.User); err != nil {
		t.Fatal(err)
	}
	if ids, err := m.Follow.Followers(ctx, b); err != nil || fmt.Sprint(ids) != fmt.Sprint([]int64{c, a}) {
		t.Fatalf("followers of b (most recent first): %v %v", ids, err)
	}
	if ids, err := m.Follow.Friends(ctx, a); err != nil || fmt.Sprint(ids) != fmt.Sprint([]int64{b}) {
		t.Fatalf("friends of a: %v %v", ids, err)
	}
	if ids, err := m.Follow.Friends(ctx, c); err != nil || len(ids) != 0 {
		t.Fatalf("friends of c: %v %v", ids, err)
	}

	if n := race(func() (bool, error) { return m.Follow.Unfollow(ctx, a, b, m.User) }); n != 1 {
		t.Fatalf("%d unfollows changed something, want 1", n)
	}
	counts("0/1 1/1")
	// The cached lists (loaded above) follow the unfollow.
	if ids, err := m.Follow.Followers(ctx, b); err != nil || fmt.Sprint(ids) != fmt.Sprint([]int64{c}) {
		t.Fatalf("followers of b after the unfollow: %v %v", ids, err)
	}
	if ids, err := m.Follow.Friends(ctx, a); err != nil || len(ids) != 0 {
		t.Fatalf("friends of a after the unfollow: %v %v", ids, err)
	}
}

func TestMessagesHaveUniqueTimesAndCheapPolls(t *testing.T) {
	ctx := context.Background()
	m := testModels()
	a := insertUser(t, m, "chat-model-a")
	b := insertUser(t, m, "chat-model-b")
	c := insertUser(t, m, "chat-model-c")

	// A conversation nobody wrote in: its empty state is cached too.
	if msgs, err := m.Message.Conversation(ctx, a, b, 0, 1000); err != nil || len(msgs) != 0 {
		t.Fatalf("empty conversation: %v %v", msgs, err)
	}
	if last, known, err := m.Message.LastTime(ctx, b, a); err != nil || !known || last != 0 {
		t.Fatalf("last time of an empty conversation: %d %v %v", last, known, err)
	}

	const sends = 30
	var wg sync.WaitGroup
	for i := 0; i < sends; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			from, to := a, b
			if i%2 == 1 {
				from, to = b, a
			}
			if _, err := m.Message.Send(ctx, from, to, fmt.Sprint(i)); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	all, err := m.Message.Conversation(ctx, b, a, 0, 1000)
	if err != nil || len(all) != sends {
		t.Fatalf("%d messages (%v), want %d", len(all), err, sends)
	}
	for i := 1; i < len(all); i++ {
		if all[i].CreatedAt <= all[i-1].CreatedAt {
			t.Fatalf("times not unique and increasing: %d then %d", all[i-1].CreatedAt, all[i].CreatedAt)
		}
	}
	newest := all[sends-1].CreatedAt
	if last, known, err := m.Message.LastTime(ctx, a, b); err != nil || !known || last != newest {
		t.Fatalf("last time %d %v %v, want %d", last, known, err, newest)
	}
	if after, err := m.Message.Conversation(ctx, a, b, all[sends-2].CreatedAt, 1000); err != nil || len(after) != 1 || after[0].Id != all[sends-1].Id {
		t.Fatalf("poll after the last but one: %v %v", after, err)
	}
	// Capped, a history is its newest messages, still oldest first.
	if capped, err := m.Message.Conversation(ctx, a, b, 0, 3); err != nil || len(capped) != 3 ||
		capped[0].Id != all[sends-3].Id || capped[2].Id != all[sends-1].Id {
		t.Fatalf("the newest 3 messages: %v %v", capped, err)
	}

	// The latest message per friend, in one statement.
	if _, err := m.Message.Send(ctx, c, a, "from: c:1"); err != nil {
		t.Fatal(err)
	}
	// Cold (keys dropped: one statement) and warm (the cached messages).
	if _, err := m.CacheNode.DelCtx(ctx, lastKey(a, b), lastKey(a, c)); err != nil {
		t.Fatal(err)
	}
	for _, round := range []string{"cold", "warm"} {
		latest, err := m.Message.Latest(ctx, a, []int64{b, c, 987654})
		if err != nil || len(latest) != 2 {
			t.Fatalf("%s latest: %v %v", round, latest, err)
		}
		if got, want := *latest[b], *all[sends-1]; got != want {
			t.Fatalf("%s latest with b: %+v, want %+v", round, got, want)
		}
		if got := latest[c]; got.Content != "from: c:1" || got.FromUserId != c || got.ToUserId != a {
			t.Fatalf("%s latest with c: %+v", round, got)
		}
	}

	// A poll that Redis cannot answer is one range scan of the conversation key.
	var plan []struct {
		Id           int64   `db:"id"`
		SelectType   string  `db:"select_type"`
		Table        string  `db:"table"`
		Type         string  `db:"type"`
		PossibleKeys *string `db:"possible_keys"`
		Key          *string `db:"key"`
		KeyLen       *string `db:"key_len"`
		Ref          *string `db:"ref"`
		Rows         *string `db:"rows"`
		Extra        *string `db:"Extra"`
	}
	err = m.Conn.QueryRowsPartialCtx(ctx, &plan, "explain select "+messageRows+
		" from message where user_lo = ? and user_hi = ? and created_at > ? order by created_at", a, b, newest)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].Type != "range" || plan[0].Key == nil || *plan[0].Key != "uk_conversation_created_at" ||
		(plan[0].Extra != nil && strings.Contains(*plan[0].Extra, "filesort")) {
		t.Fatalf("plan of a poll: %+v", plan[0])
	}
}
