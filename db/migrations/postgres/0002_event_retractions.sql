ALTER TABLE "stage_events" ADD COLUMN "retracts" bigint;--> statement-breakpoint
ALTER TABLE "stage_events" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "stage_events" ADD CONSTRAINT "stage_events_retracts_stage_events_id_fk" FOREIGN KEY ("retracts") REFERENCES "stage_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stage_events_retracts_uq" ON "stage_events" USING btree ("retracts");