-- Custom SQL migration file, put your code below! --
-- The stage-event log is append-only: it is the audit trail every metric is derived from.
CREATE TRIGGER `stage_events_no_update` BEFORE UPDATE ON `stage_events`
BEGIN SELECT RAISE(ABORT, 'stage_events is append-only: record a new event instead of changing one'); END;
--> statement-breakpoint
CREATE TRIGGER `stage_events_no_delete` BEFORE DELETE ON `stage_events`
BEGIN SELECT RAISE(ABORT, 'stage_events is append-only: events cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
