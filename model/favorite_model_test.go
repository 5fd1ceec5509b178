package model

import (
	"context"
	"fmt"
	"testing"
	"time"

	"douyin/pkg/likestore"
	"douyin/pkg/testenv"
)

var likeTestUser int64 = 1_000_000 + time.Now().UnixNano()%1_000_000

func nextLikeUser() int64 {
	likeTestUser++
	return likeTestUser
}

// A cold like state is loaded from the user's shard once: liked rows only, most
// recently liked first; a user without likes is loaded too (not read again).
func TestColdLikeStateLoadsFromTheShard(t *testing.T) {
	m := testModels()
	likes := likestore.New(testenv.Get().Redis(), m.Favorites, NewLikeCounts(m.Conn))
	ctx := context.Background()
	u := nextLikeUser()
	db := testenv.Get().SQL(t)
	if _, err := db.Exec(fmt.Sprintf("insert into %s (`user_id`, `video_id`, `liked`, `updated_at`) values "+
		"(?, 11, 1, 1000), (?, 12, 0, 3000), (?, 13, 1, 2000)", m.Favorites.Table(u)), u, u, u); err != nil {
		t.Fatal(err)
	}
	liked, err := likes.LikedAmong(ctx, u, []int64{11, 12, 13, 14})
	if err != nil {
		t.Fatal(err)
	}
	if !liked[11] || liked[12] || !liked[13] || liked[14] {
		t.Fatalf("LikedAmong = %v", liked)
	}
	// Loaded now: MySQL is no longer read (a row added behind its back is not seen).
	addBehind := func(user int64) {
		t.Helper()
		if _, err := db.Exec(fmt.Sprintf("insert into %s (`user_id`, `video_id`, `liked`, `updated_at`) values (?, 14, 1, 4000)",
			m.Favorites.Table(user)), user); err != nil {
			t.Fatal(err)
		}
	}
	addBehind(u)
	list, err := likes.LikedVideos(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(list) != "[13 11]" {
		t.Fatalf("LikedVideos = %v, want [13 11]", list)
	}

	empty := nextLikeUser()
	if list, err := likes.LikedVideos(ctx, empty); err != nil || len(list) != 0 {
		t.Fatalf("LikedVideos of a user without likes = %v, %v", list, err)
	}
	addBehind(empty)
	if list, err := likes.LikedVideos(ctx, empty); err != nil || len(list) != 0 {
		t.Fatalf("the state of a user without likes was not kept as loaded: %v, %v", list, err)
	}
}
