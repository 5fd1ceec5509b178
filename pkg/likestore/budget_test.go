package likestore

import (
	"context"
	"strings"
	"testing"
	"time"

	"douyin/pkg/ratelimit"
	"douyin/pkg/xerr"
)

// The like budget is counted by the like script: within it every change
// works (a cold state's load and a missing count's read are not counted
// twice), past it a change is refused with when to retry and changes nothing.
func TestLikeBudgetRefusesAndChangesNothing(t *testing.T) {
	m := newTestStore(t)
	ctx := context.Background()
	user, author := nextLikeUser(), nextLikeUser()
	budget := ratelimit.Rule{Quota: 3, Seconds: 60}
	videos := []int64{time.Now().UnixNano() % 1e9, time.Now().UnixNano()%1e9 + 1, time.Now().UnixNano()%1e9 + 2}
	for _, v := range videos { // a cold state, then missing counts, on the first
		if _, err := m.Likes.SetLiked(ctx, Change{UserID: user, VideoID: v, AuthorID: author, Liked: true, Budget: budget},
			time.Minute, time.Hour); err != nil {
			t.Fatalf("like %d within the budget: %v", v, err)
		}
	}
	before, _, _ := m.counts(t, []int64{videos[0]}, nil)
	_, err := m.Likes.SetLiked(ctx, Change{UserID: user, VideoID: videos[0], AuthorID: author, Liked: false, Budget: budget},
		time.Minute, time.Hour)
	if !xerr.Is(err, xerr.RateLimited) || !strings.Contains(err.Error(), "try again in") {
		t.Fatalf("the 4th change: %v, want a rate-limit refusal", err)
	}
	after, _, _ := m.counts(t, []int64{videos[0]}, nil)
	liked, err := m.Likes.LikedVideos(ctx, user)
	if err != nil || len(liked) != 3 || after[videos[0]] != before[videos[0]] {
		t.Fatalf("the refused unlike changed something: liked %v (%v), count %d -> %d", liked, err, before[videos[0]], after[videos[0]])
	}
	// Without a budget, nothing is counted.
	if _, err := m.Likes.SetLiked(ctx, Change{UserID: user, VideoID: videos[0], AuthorID: author, Liked: false},
		time.Minute, time.Hour); err != nil {
		t.Fatalf("no budget: %v", err)
	}
}
