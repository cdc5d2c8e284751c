ALTER TABLE `stage_events` ADD `retracts` integer REFERENCES stage_events(id);--> statement-breakpoint
ALTER TABLE `stage_events` ADD `reason` text;--> statement-breakpoint
CREATE UNIQUE INDEX `stage_events_retracts_uq` ON `stage_events` (`retracts`);