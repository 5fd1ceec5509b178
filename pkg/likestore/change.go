package likestore

import (
	"time"

	"douyin/pkg/ratelimit"
)

// Change is one like (Liked) or unlike of a video by a user.
type Change struct {
	UserID, VideoID, AuthorID int64
	Liked                     bool
	// Budget is how many likes and unlikes the user may send per period
	// (Quota 0: unlimited), counted by the like script itself, so a budget
	// costs no round trip; a change over it is refused and changes nothing.
	Budget ratelimit.Rule
}

// Outcome says what SetLiked did and whether the caller must arm the user's
// flush task (ProcessAt Due).
type Outcome struct {
	Changed bool // false: the user already (un)liked the video
	Arm     bool
	Due     time.Time
}

// Batch is one flush of a user's changes, with the counter changes it makes.
type Batch struct {
	UserID int64
	Batch  int64 // unique per snapshot; favorite_flush remembers the last one applied
	Rows   []Row
	// Net counter changes, without zeros: video favorite_count (VideoLikes),
	// user favorite_count (UserLikes, likes given), user total_favorited
	// (AuthorLikes, likes received).
	VideoLikes, UserLikes, AuthorLikes map[int64]int64
}

// Row is the state of (batch user, VideoID) to write to the shard.
type Row struct {
	VideoID int64
	Liked   bool
	At      int64 // epoch ms of the like or unlike
}

// Empty tells whether the batch has nothing to write.
func (b *Batch) Empty() bool { return b == nil || len(b.Rows) == 0 }
