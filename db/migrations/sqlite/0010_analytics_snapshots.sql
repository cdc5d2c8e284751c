CREATE TABLE `analytics_snapshots` (
	`kind` text NOT NULL,
	`chunk` integer NOT NULL,
	`format` integer NOT NULL,
	`data_version` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`chunks` integer NOT NULL,
	`size` integer NOT NULL,
	`checksum` integer NOT NULL,
	`at` integer NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`kind`, `chunk`)
);
