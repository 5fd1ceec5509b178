-- Accounts. Counters are kept here and only ever changed by relative UPDATEs inside
-- the transaction that changes what they count (never by the generated Update).
CREATE TABLE `user` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `username` varchar(32) NOT NULL COMMENT '1-32 characters, unique',
  `password` varchar(100) NOT NULL COMMENT 'bcrypt hash',
  `avatar` varchar(255) NOT NULL DEFAULT '' COMMENT 'storage key, empty = default image',
  `background_image` varchar(255) NOT NULL DEFAULT '' COMMENT 'storage key, empty = default image',
  `signature` varchar(255) NOT NULL DEFAULT '',
  `follow_count` bigint NOT NULL DEFAULT 0,
  `follower_count` bigint NOT NULL DEFAULT 0,
  `work_count` bigint NOT NULL DEFAULT 0,
  `favorite_count` bigint NOT NULL DEFAULT 0 COMMENT 'flushed likes; pending ones live in Redis',
  `total_favorited` bigint NOT NULL DEFAULT 0 COMMENT 'flushed likes; pending ones live in Redis',
  `created_at` bigint NOT NULL COMMENT 'epoch ms',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_username` (`username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
