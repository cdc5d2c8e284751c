CREATE TABLE `ingest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`label` text NOT NULL,
	`actor` text NOT NULL,
	`committed` integer NOT NULL,
	`initiatives_added` integer NOT NULL,
	`events_added` integer NOT NULL,
	`skipped` integer NOT NULL,
	`corrections` integer NOT NULL,
	`errors` integer NOT NULL,
	`warnings` integer NOT NULL,
	`warning_list` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ingest_runs_at_idx` ON `ingest_runs` (`at`);