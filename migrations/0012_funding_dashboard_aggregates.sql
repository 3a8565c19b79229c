ALTER TABLE "funding_grants" ADD COLUMN "next_report_due" date;--> statement-breakpoint
CREATE INDEX "funding_grants_programme_due_idx" ON "funding_grants" USING btree ("programme_id","next_report_due","title","id");--> statement-breakpoint
CREATE INDEX "funding_notifications_unread_idx" ON "funding_notifications" USING btree ("reported_at") WHERE "funding_notifications"."acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "funding_payment_requests_open_idx" ON "funding_payment_requests" USING btree ("grant_id") WHERE "funding_payment_requests"."status" = 'requested';--> statement-breakpoint
-- funding_grants.next_report_due is the earliest due date of the grant's open reports (open or sent
-- back for corrections). This trigger keeps it in the transaction that inserts, moves, submits,
-- accepts, reopens or deletes a report, whichever code does it; it writes only when the date changes.
CREATE FUNCTION "funding_refresh_next_report_due"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY[NEW.grant_id];
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY[OLD.grant_id];
  ELSE
    ids := ARRAY[OLD.grant_id, NEW.grant_id];
  END IF;
  UPDATE "funding_grants" g SET "next_report_due" = n.due
  FROM (
    SELECT x.id, (
      SELECT min(r."due_on") FROM "funding_reports" r
      WHERE r."grant_id" = x.id AND r."status" IN ('open', 'correctionsRequested')
    ) AS due
    FROM (SELECT DISTINCT unnest(ids) AS id) x
  ) n
  WHERE g."id" = n.id AND g."next_report_due" IS DISTINCT FROM n.due;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "funding_reports_next_report_due"
  AFTER INSERT OR DELETE OR UPDATE OF "status", "due_on", "grant_id" ON "funding_reports"
  FOR EACH ROW EXECUTE FUNCTION "funding_refresh_next_report_due"();--> statement-breakpoint
UPDATE "funding_grants" g SET "next_report_due" = r.due
FROM (
  SELECT "grant_id", min("due_on") AS due FROM "funding_reports"
  WHERE "status" IN ('open', 'correctionsRequested') GROUP BY "grant_id"
) r
WHERE r."grant_id" = g."id";
