-- Move the bytes of uploaded application documents from base64 text into the core files table.
-- Each file keeps its document's id, which is unique and links the two without a lookup.
INSERT INTO "files" ("id", "owner", "filename", "mime_type", "size", "sha256", "content", "created_by", "created_at")
  SELECT "id", 'funding', "filename", "mime_type", "size", "sha256", decode("content_base64", 'base64'), "uploaded_by", "uploaded_at"
  FROM "funding_application_documents" WHERE "file_id" IS NULL;--> statement-breakpoint
UPDATE "funding_application_documents" SET "file_id" = "id" WHERE "file_id" IS NULL;--> statement-breakpoint
ALTER TABLE "funding_application_documents" ALTER COLUMN "file_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_application_documents" DROP COLUMN "content_base64";
