CREATE TABLE "funding_case_counters" (
	"programme_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_applications" ADD COLUMN "case_number" text;--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD COLUMN "case_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD COLUMN "case_number_pattern" text DEFAULT '{programme}-{year}-{number:4}' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD COLUMN "guideline" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD COLUMN "budget_law" text DEFAULT '§§ 23, 44 Bundeshaushaltsordnung (BHO)' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD COLUMN "legal_remedy" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_case_counters" ADD CONSTRAINT "funding_case_counters_programme_id_funding_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."funding_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_case_counters_unique" ON "funding_case_counters" USING btree ("programme_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_applications_case_number_unique" ON "funding_applications" USING btree ("case_number");