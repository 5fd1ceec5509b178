-- The last like batch of each user written to MySQL: a redelivered flush task whose
-- batch is already here is not applied twice.
CREATE TABLE `favorite_flush` (
  `user_id` bigint NOT NULL,
  `batch` bigint NOT NULL,
  PRIMARY KEY (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
