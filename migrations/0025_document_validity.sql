ALTER TABLE "funding_application_documents" ADD COLUMN "valid_until" date;--> statement-breakpoint
ALTER TABLE "funding_application_documents" ADD COLUMN "issued_on" date;