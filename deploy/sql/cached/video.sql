CREATE TABLE `video` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `author_id` bigint NOT NULL,
  `title` varchar(255) NOT NULL,
  `play_key` varchar(255) NOT NULL COMMENT 'storage key of the video file',
  `cover_key` varchar(255) NOT NULL DEFAULT '' COMMENT 'storage key of the cover, empty = placeholder',
  `favorite_count` bigint NOT NULL DEFAULT 0 COMMENT 'flushed likes; pending ones live in Redis',
  `comment_count` bigint NOT NULL DEFAULT 0,
  `created_at` bigint NOT NULL COMMENT 'publish time, epoch ms',
  PRIMARY KEY (`id`),
  KEY `idx_created_at` (`created_at`),
  KEY `idx_author_created_at` (`author_id`, `created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
