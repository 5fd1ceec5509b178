-- The layout of the like shards favorite_00 .. favorite_NN: how many there are.
-- One row (id 1), written when the schema is first applied and by make reshard;
-- every process checks its LikeShards against it at start.
CREATE TABLE `like_shard_layout` (
  `id` tinyint NOT NULL,
  `shards` int NOT NULL,
  `updated_at` bigint NOT NULL COMMENT 'epoch ms of the last change',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
