ALTER TABLE "funding_reports" ADD COLUMN "figures" jsonb;--> statement-breakpoint
ALTER TABLE "funding_reports" ADD COLUMN "earlier_figures" jsonb DEFAULT '[]'::jsonb NOT NULL;