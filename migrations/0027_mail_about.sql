ALTER TABLE "outbox" ADD COLUMN "about_kind" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "about_id" text;--> statement-breakpoint
CREATE INDEX "outbox_about_idx" ON "outbox" USING btree ("about_kind","about_id");--> statement-breakpoint
-- mails written before: about the grant or application their link opens (every funding mail links to its case)
UPDATE "outbox" SET "about_kind" = 'grant', "about_id" = substring("body_text" from '/grants/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})')
  WHERE "about_kind" IS NULL AND "template" LIKE 'funding:%' AND "body_text" ~ '/grants/[0-9a-f]{8}-[0-9a-f]{4}-';--> statement-breakpoint
UPDATE "outbox" SET "about_kind" = 'application', "about_id" = substring("body_text" from '/applications/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})')
  WHERE "about_kind" IS NULL AND "template" LIKE 'funding:%' AND "body_text" ~ '/applications/[0-9a-f]{8}-[0-9a-f]{4}-';
