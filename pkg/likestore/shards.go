package likestore

// DefaultShards is the number of like shard tables unless configured
// (LikeShards; deploy/scripts/schema.sh: LIKE_SHARDS). Every process that reads
// or writes likes must use the same number.
const DefaultShards = 4

// Shard is the shard of user's likes among n (DefaultShards if n <= 0): the one
// place that maps a user to a shard.
func Shard(user int64, n int) int {
	if n <= 0 {
		n = DefaultShards
	}
	return int(user % int64(n))
}
