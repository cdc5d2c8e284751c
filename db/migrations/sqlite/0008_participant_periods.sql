ALTER TABLE `initiative_boroughs` ADD `joined_at` integer;--> statement-breakpoint
ALTER TABLE `initiative_boroughs` ADD `left_at` integer;--> statement-breakpoint
ALTER TABLE `initiative_partners` ADD `joined_at` integer;--> statement-breakpoint
ALTER TABLE `initiative_partners` ADD `left_at` integer;--> statement-breakpoint
-- Hand-written: a participant joining late or leaving changes who holds its initiative's stages up:
-- the change log (migration 0003) names the initiative so that the cycle cache reads it again.
CREATE TRIGGER `initiative_boroughs_log_period` AFTER UPDATE OF `joined_at`, `left_at` ON `initiative_boroughs`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_partners_log_period` AFTER UPDATE OF `joined_at`, `left_at` ON `initiative_partners`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
END;
--> statement-breakpoint
-- A partner joining or going (inserted or deleted rows) changes the initiative's participant lists
-- (the ORGANISATION dimension and filter) even when no cycle changes: logged as boroughs are (0004).
CREATE TRIGGER `initiative_partners_log_insert` AFTER INSERT ON `initiative_partners`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_partners_log_delete` AFTER DELETE ON `initiative_partners`
WHEN NOT EXISTS (SELECT 1 FROM analytics_changes_paused)
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (OLD.initiative_id);
END;
