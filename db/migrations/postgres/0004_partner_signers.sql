CREATE TABLE "partner_signoffs" (
	"initiative_id" text NOT NULL,
	"stage" text NOT NULL,
	"organisation_slug" text NOT NULL,
	"approved_at" bigint NOT NULL,
	CONSTRAINT "partner_signoffs_initiative_id_stage_organisation_slug_pk" PRIMARY KEY("initiative_id","stage","organisation_slug")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "ods_code" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "ico_registration" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "identifier_source" text;--> statement-breakpoint
ALTER TABLE "initiative_boroughs" ADD COLUMN "signs" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative_partners" ADD COLUMN "signs" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "stage_events" ADD COLUMN "organisation_slug" text;--> statement-breakpoint
ALTER TABLE "partner_signoffs" ADD CONSTRAINT "partner_signoffs_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_signoffs" ADD CONSTRAINT "partner_signoffs_organisation_slug_organisations_slug_fk" FOREIGN KEY ("organisation_slug") REFERENCES "organisations"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_signoffs_org_idx" ON "partner_signoffs" USING btree ("organisation_slug");--> statement-breakpoint
ALTER TABLE "stage_events" ADD CONSTRAINT "stage_events_organisation_slug_organisations_slug_fk" FOREIGN KEY ("organisation_slug") REFERENCES "organisations"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: an event's signer is a borough (authority_code) or a partner (organisation_slug), never both.
ALTER TABLE "stage_events" ADD CONSTRAINT "stage_events_one_signer" CHECK ("organisation_slug" IS NULL OR "authority_code" IS NULL);