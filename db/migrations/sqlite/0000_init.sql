CREATE TABLE `authorities` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`ons_zone` text NOT NULL,
	`statutory_zone` text NOT NULL,
	`loti_member_since` text,
	`loti_membership` text DEFAULT 'UNKNOWN' NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `features` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ig_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authority_code` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`authority_code`) REFERENCES `authorities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ig_contacts_authority_idx` ON `ig_contacts` (`authority_code`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'OTHER' NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `practices` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `process_stages` (
	`process_slug` text NOT NULL,
	`code` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	PRIMARY KEY(`process_slug`, `code`),
	FOREIGN KEY (`process_slug`) REFERENCES `processes`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `processes` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`source` text,
	`is_default` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tool_adoptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tool_slug` text NOT NULL,
	`authority_code` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`source` text NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`tool_slug`) REFERENCES `tools`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_code`) REFERENCES `authorities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tool_adoptions_tool_idx` ON `tool_adoptions` (`tool_slug`);--> statement-breakpoint
CREATE INDEX `tool_adoptions_authority_idx` ON `tool_adoptions` (`authority_code`);--> statement-breakpoint
CREATE TABLE `tool_features` (
	`tool_slug` text NOT NULL,
	`feature_slug` text NOT NULL,
	`level` text NOT NULL,
	`note` text,
	`source` text,
	PRIMARY KEY(`tool_slug`, `feature_slug`),
	FOREIGN KEY (`tool_slug`) REFERENCES `tools`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`feature_slug`) REFERENCES `features`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tools` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`vendor` text,
	`description` text NOT NULL,
	`cost` text,
	`is_baseline` integer DEFAULT false NOT NULL,
	`note` text,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `borough_signoffs` (
	`initiative_id` text NOT NULL,
	`stage` text NOT NULL,
	`authority_code` text NOT NULL,
	`approved_at` integer NOT NULL,
	PRIMARY KEY(`initiative_id`, `stage`, `authority_code`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_code`) REFERENCES `authorities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `borough_signoffs_authority_idx` ON `borough_signoffs` (`authority_code`);--> statement-breakpoint
CREATE TABLE `initiative_boroughs` (
	`initiative_id` text NOT NULL,
	`authority_code` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`initiative_id`, `authority_code`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_code`) REFERENCES `authorities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiative_boroughs_authority_idx` ON `initiative_boroughs` (`authority_code`,`initiative_id`);--> statement-breakpoint
CREATE TABLE `initiative_partners` (
	`initiative_id` text NOT NULL,
	`organisation_slug` text NOT NULL,
	`role` text DEFAULT 'PARTNER' NOT NULL,
	PRIMARY KEY(`initiative_id`, `organisation_slug`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_slug`) REFERENCES `organisations`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiative_partners_org_idx` ON `initiative_partners` (`organisation_slug`);--> statement-breakpoint
CREATE TABLE `initiative_practices` (
	`initiative_id` text NOT NULL,
	`practice_slug` text NOT NULL,
	PRIMARY KEY(`initiative_id`, `practice_slug`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`practice_slug`) REFERENCES `practices`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiative_practices_practice_idx` ON `initiative_practices` (`practice_slug`);--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`purpose` text,
	`lead_borough` text NOT NULL,
	`tool_slug` text NOT NULL,
	`process_slug` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	`recorded_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`lead_borough`) REFERENCES `authorities`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tool_slug`) REFERENCES `tools`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`process_slug`) REFERENCES `processes`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiatives_lead_idx` ON `initiatives` (`lead_borough`);--> statement-breakpoint
CREATE INDEX `initiatives_tool_idx` ON `initiatives` (`tool_slug`);--> statement-breakpoint
CREATE INDEX `initiatives_status_idx` ON `initiatives` (`status`);--> statement-breakpoint
CREATE INDEX `initiatives_created_idx` ON `initiatives` (`created_at`);--> statement-breakpoint
CREATE TABLE `stage_cycles` (
	`initiative_id` text NOT NULL,
	`stage` text NOT NULL,
	`outcome` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`approved_at` integer,
	`ended_at` integer,
	`rounds` integer NOT NULL,
	`team_ms` integer NOT NULL,
	`open_query_at` integer,
	PRIMARY KEY(`initiative_id`, `stage`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stage_cycles_stage_idx` ON `stage_cycles` (`stage`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `stage_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` text NOT NULL,
	`stage` text NOT NULL,
	`authority_code` text,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`source_ref` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authority_code`) REFERENCES `authorities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stage_events_source_ref_uq` ON `stage_events` (`source`,`source_ref`);--> statement-breakpoint
CREATE INDEX `stage_events_initiative_idx` ON `stage_events` (`initiative_id`,`stage`,`at`);--> statement-breakpoint
CREATE INDEX `stage_events_at_idx` ON `stage_events` (`at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
