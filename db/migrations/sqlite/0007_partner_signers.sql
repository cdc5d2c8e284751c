CREATE TABLE `partner_signoffs` (
	`initiative_id` text NOT NULL,
	`stage` text NOT NULL,
	`organisation_slug` text NOT NULL,
	`approved_at` integer NOT NULL,
	PRIMARY KEY(`initiative_id`, `stage`, `organisation_slug`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_slug`) REFERENCES `organisations`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_signoffs_org_idx` ON `partner_signoffs` (`organisation_slug`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `ods_code` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `ico_registration` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `identifier_source` text;--> statement-breakpoint
ALTER TABLE `initiative_boroughs` ADD `signs` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `initiative_partners` ADD `signs` integer DEFAULT true NOT NULL;--> statement-breakpoint
-- Hand-edited: an event's signer is a borough (authority_code) or a partner (organisation_slug), never both.
ALTER TABLE `stage_events` ADD `organisation_slug` text REFERENCES organisations(slug) CHECK (`organisation_slug` IS NULL OR `authority_code` IS NULL);