ALTER TABLE "funding_applications" ADD COLUMN "outline_id" uuid;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD COLUMN "due_at" timestamp with time zone;