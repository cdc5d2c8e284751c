-- Custom SQL migration file, put your code below! --
-- A bulk import (db/writes.ts, WriteSession with `bulk`) writes hundreds of thousands of
-- stage_cycles and initiative_boroughs rows in one transaction; logging each of them in
-- analytics_changes (migration 0003) costs about a second per million events, and a cache that far
-- behind reads everything anyway. While analytics_changes_paused holds a row, the change-log
-- triggers log nothing; the import inserts that row inside its own transaction and deletes it
-- before COMMIT (so no other connection ever sees it, and a killed import leaves nothing behind),
-- then logs the initiatives it touched itself: one entry each, or, above the cache's delta limit,
-- a reset (the log emptied and one entry with a gap in seq, which the cache reads as "pruned" and
-- answers with a full read).
CREATE TABLE `analytics_changes_paused` (
	`paused` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP TRIGGER `stage_cycles_log_insert`;
--> statement-breakpoint
DROP TRIGGER `stage_cycles_log_delete`;
--> statement-breakpoint
DROP TRIGGER `initiative_boroughs_log_insert`;
--> statement-breakpoint
DROP TRIGGER `initiative_boroughs_log_delete`;
--> statement-breakpoint
DROP TRIGGER `initiative_practices_log_insert`;
--> statement-breakpoint
DROP TRIGGER `initiative_practices_log_delete`;
--> statement-breakpoint
DROP TRIGGER `initiatives_log_update`;
--> statement-breakpoint
CREATE TRIGGER `stage_cycles_log_insert` AFTER INSERT ON `stage_cycles`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
  DELETE FROM analytics_changes WHERE seq <= last_insert_rowid() - 200000;
END;
--> statement-breakpoint
CREATE TRIGGER `stage_cycles_log_delete` AFTER DELETE ON `stage_cycles`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (OLD.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_boroughs_log_insert` AFTER INSERT ON `initiative_boroughs`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_boroughs_log_delete` AFTER DELETE ON `initiative_boroughs`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (OLD.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_practices_log_insert` AFTER INSERT ON `initiative_practices`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_practices_log_delete` AFTER DELETE ON `initiative_practices`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (OLD.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiatives_log_update` AFTER UPDATE OF `tool_slug`, `lead_borough` ON `initiatives`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.id);
END;
