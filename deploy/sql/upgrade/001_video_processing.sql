-- Upgrades a database made before the playback renditions (deploy/sql/cached/video.sql
-- has these columns for new databases). apply_schema runs every file here after the
-- CREATE TABLE IF NOT EXISTS of deploy/sql, in name order, on every make up/test:
-- each statement must be idempotent (MariaDB's IF NOT EXISTS). Existing videos
-- become pending: the worker's sweeper makes their renditions too.
ALTER TABLE `video`
  ADD COLUMN IF NOT EXISTS `process_state` varchar(8) NOT NULL DEFAULT 'pending' COMMENT 'the playback rendition: pending, done or failed',
  ADD COLUMN IF NOT EXISTS `process_error` varchar(255) NOT NULL DEFAULT '' COMMENT 'why processing failed',
  ADD COLUMN IF NOT EXISTS `process_attempts` int NOT NULL DEFAULT 0 COMMENT 'processing runs started',
  ADD COLUMN IF NOT EXISTS `process_at` bigint NOT NULL DEFAULT 0 COMMENT 'epoch ms of the last processing run started (or of the publish)',
  ADD COLUMN IF NOT EXISTS `processed_at` bigint NOT NULL DEFAULT 0 COMMENT 'epoch ms when processing ended done or failed',
  ADD KEY IF NOT EXISTS `idx_process_state_at` (`process_state`, `process_at`);
