ALTER TABLE "initiative_boroughs" ADD COLUMN "joined_at" bigint;--> statement-breakpoint
ALTER TABLE "initiative_boroughs" ADD COLUMN "left_at" bigint;--> statement-breakpoint
ALTER TABLE "initiative_partners" ADD COLUMN "joined_at" bigint;--> statement-breakpoint
ALTER TABLE "initiative_partners" ADD COLUMN "left_at" bigint;--> statement-breakpoint
-- Hand-written: a participant joining late or leaving changes who holds its initiative's stages up:
-- the change log (migration 0001) names the initiative so that the cycle cache reads it again.
CREATE TRIGGER initiative_boroughs_log_period AFTER UPDATE OF joined_at, left_at ON initiative_boroughs FOR EACH ROW EXECUTE FUNCTION hub_log_change();
--> statement-breakpoint
CREATE TRIGGER initiative_partners_log_period AFTER UPDATE OF joined_at, left_at ON initiative_partners FOR EACH ROW EXECUTE FUNCTION hub_log_change();
--> statement-breakpoint
-- A partner joining or going (inserted or deleted rows) changes the initiative's participant lists
-- (the ORGANISATION dimension and filter) even when no cycle changes: logged as boroughs are (0001).
CREATE TRIGGER initiative_partners_log_insert AFTER INSERT ON initiative_partners FOR EACH ROW EXECUTE FUNCTION hub_log_change();
--> statement-breakpoint
CREATE TRIGGER initiative_partners_log_delete AFTER DELETE ON initiative_partners FOR EACH ROW EXECUTE FUNCTION hub_log_change();
