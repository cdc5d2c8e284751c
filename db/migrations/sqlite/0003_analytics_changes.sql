-- Custom SQL migration file, put your code below! --
-- A change log for the metrics' in-process columnar cache (schema/metrics/cycle.store.ts): every
-- change to an initiative's derived cycles or its filterable attributes logs the initiative id, so
-- a cache that is a few writes behind re-reads only those initiatives instead of every cycle.
-- Triggers keep it in step whoever writes (API, importers, seeders); it keeps the latest 200,000
-- entries, and a cache further behind than that rebuilds in full.
CREATE TABLE `analytics_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `stage_cycles_log_insert` AFTER INSERT ON `stage_cycles`
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
  DELETE FROM analytics_changes WHERE seq <= last_insert_rowid() - 200000;
END;
--> statement-breakpoint
CREATE TRIGGER `stage_cycles_log_delete` AFTER DELETE ON `stage_cycles`
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (OLD.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_boroughs_log_insert` AFTER INSERT ON `initiative_boroughs`
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_boroughs_log_delete` AFTER DELETE ON `initiative_boroughs`
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (OLD.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_practices_log_insert` AFTER INSERT ON `initiative_practices`
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiative_practices_log_delete` AFTER DELETE ON `initiative_practices`
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (OLD.initiative_id);
END;
--> statement-breakpoint
CREATE TRIGGER `initiatives_log_update` AFTER UPDATE OF `tool_slug`, `lead_borough` ON `initiatives`
BEGIN
  INSERT INTO analytics_changes (initiative_id) VALUES (NEW.id);
END;
