-- user_id follows to_user_id. The unique key makes a racing double follow count once.
CREATE TABLE `follow` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `user_id` bigint NOT NULL,
  `to_user_id` bigint NOT NULL,
  `created_at` bigint NOT NULL COMMENT 'epoch ms',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_user_to_user` (`user_id`, `to_user_id`),
  KEY `idx_to_user_id` (`to_user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
