-- A conversation is (least id, greatest id); created_at is unique within it, so a
-- poll with pre_msg_time = the last create_time it saw never misses or repeats one.
CREATE TABLE `message` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `from_user_id` bigint NOT NULL,
  `to_user_id` bigint NOT NULL,
  `user_lo` bigint NOT NULL COMMENT 'LEAST(from_user_id, to_user_id)',
  `user_hi` bigint NOT NULL COMMENT 'GREATEST(from_user_id, to_user_id)',
  `content` text NOT NULL,
  `created_at` bigint NOT NULL COMMENT 'epoch ms',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_conversation_created_at` (`user_lo`, `user_hi`, `created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
