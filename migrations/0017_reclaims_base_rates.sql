CREATE TABLE "funding_base_rates" (
	"valid_from" date PRIMARY KEY NOT NULL,
	"rate_bp" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_interest_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reclaim_id" uuid NOT NULL,
	"issued_on" date NOT NULL,
	"interest_cents" bigint NOT NULL,
	"file_id" uuid NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_reclaims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"reason" text NOT NULL,
	"effective_on" date NOT NULL,
	"due_on" date NOT NULL,
	"reference" text NOT NULL,
	"report_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_repayments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reclaim_id" uuid NOT NULL,
	"paid_on" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_interest_notices" ADD CONSTRAINT "funding_interest_notices_reclaim_id_funding_reclaims_id_fk" FOREIGN KEY ("reclaim_id") REFERENCES "public"."funding_reclaims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_interest_notices" ADD CONSTRAINT "funding_interest_notices_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reclaims" ADD CONSTRAINT "funding_reclaims_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reclaims" ADD CONSTRAINT "funding_reclaims_report_id_funding_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."funding_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_repayments" ADD CONSTRAINT "funding_repayments_reclaim_id_funding_reclaims_id_fk" FOREIGN KEY ("reclaim_id") REFERENCES "public"."funding_reclaims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_interest_notices_reclaim_idx" ON "funding_interest_notices" USING btree ("reclaim_id");--> statement-breakpoint
CREATE INDEX "funding_reclaims_grant_idx" ON "funding_reclaims" USING btree ("grant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_reclaims_reference" ON "funding_reclaims" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "funding_repayments_reclaim_idx" ON "funding_repayments" USING btree ("reclaim_id","paid_on");--> statement-breakpoint
INSERT INTO "funding_base_rates" ("valid_from", "rate_bp") VALUES
  ('2002-01-01', 257),
  ('2002-07-01', 247),
  ('2003-01-01', 197),
  ('2003-07-01', 122),
  ('2004-01-01', 114),
  ('2004-07-01', 113),
  ('2005-01-01', 121),
  ('2005-07-01', 117),
  ('2006-01-01', 137),
  ('2006-07-01', 195),
  ('2007-01-01', 270),
  ('2007-07-01', 319),
  ('2008-01-01', 332),
  ('2008-07-01', 319),
  ('2009-01-01', 162),
  ('2009-07-01', 12),
  ('2010-01-01', 12),
  ('2010-07-01', 12),
  ('2011-01-01', 12),
  ('2011-07-01', 37),
  ('2012-01-01', 12),
  ('2012-07-01', 12),
  ('2013-01-01', -13),
  ('2013-07-01', -38),
  ('2014-01-01', -63),
  ('2014-07-01', -73),
  ('2015-01-01', -83),
  ('2015-07-01', -83),
  ('2016-01-01', -83),
  ('2016-07-01', -88),
  ('2017-01-01', -88),
  ('2017-07-01', -88),
  ('2018-01-01', -88),
  ('2018-07-01', -88),
  ('2019-01-01', -88),
  ('2019-07-01', -88),
  ('2020-01-01', -88),
  ('2020-07-01', -88),
  ('2021-01-01', -88),
  ('2021-07-01', -88),
  ('2022-01-01', -88),
  ('2022-07-01', -88),
  ('2023-01-01', 162),
  ('2023-07-01', 312),
  ('2024-01-01', 362),
  ('2024-07-01', 337),
  ('2025-01-01', 227),
  ('2025-07-01', 127),
  ('2026-01-01', 127);
