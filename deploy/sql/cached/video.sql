CREATE TABLE `video` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `author_id` bigint NOT NULL,
  `title` varchar(255) NOT NULL,
  `play_key` varchar(255) NOT NULL COMMENT 'storage key of the video file',
  `cover_key` varchar(255) NOT NULL DEFAULT '' COMMENT 'storage key of the cover, empty = placeholder',
  `favorite_count` bigint NOT NULL DEFAULT 0 COMMENT 'flushed likes; pending ones live in Redis',
  `comment_count` bigint NOT NULL DEFAULT 0,
  `created_at` bigint NOT NULL COMMENT 'publish time, epoch ms',
  `process_state` varchar(8) NOT NULL DEFAULT 'pending' COMMENT 'the playback rendition: pending, done or failed',
  `process_error` varchar(255) NOT NULL DEFAULT '' COMMENT 'why processing failed',
  `process_attempts` int NOT NULL DEFAULT 0 COMMENT 'processing runs started',
  `process_at` bigint NOT NULL DEFAULT 0 COMMENT 'epoch ms of the last processing run started (or of the publish)',
  `processed_at` bigint NOT NULL DEFAULT 0 COMMENT 'epoch ms when processing ended done or failed',
  PRIMARY KEY (`id`),
  KEY `idx_created_at` (`created_at`),
  KEY `idx_author_created_at` (`author_id`, `created_at`),
  KEY `idx_process_state_at` (`process_state`, `process_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
