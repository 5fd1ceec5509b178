-- Template of the like shards favorite_00 .. favorite_NN (deploy/scripts/schema.sh
-- creates them LIKE this table); the shard is chosen by user_id.
CREATE TABLE `favorite` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `user_id` bigint NOT NULL,
  `video_id` bigint NOT NULL,
  `liked` tinyint NOT NULL DEFAULT 1 COMMENT '1 liked, 0 unliked',
  `updated_at` bigint NOT NULL COMMENT 'epoch ms of the last like or unlike',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_user_video` (`user_id`, `video_id`),
  KEY `idx_user_liked_updated_at` (`user_id`, `liked`, `updated_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
