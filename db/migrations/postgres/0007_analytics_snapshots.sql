CREATE TABLE "analytics_snapshots" (
	"kind" text NOT NULL,
	"chunk" integer NOT NULL,
	"format" integer NOT NULL,
	"data_version" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"fingerprint" text NOT NULL,
	"chunks" integer NOT NULL,
	"size" bigint NOT NULL,
	"checksum" bigint NOT NULL,
	"at" bigint NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "analytics_snapshots_kind_chunk_pk" PRIMARY KEY("kind","chunk")
);
