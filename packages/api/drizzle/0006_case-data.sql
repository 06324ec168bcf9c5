ALTER TABLE "case_files" ALTER COLUMN "case_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "case_files" ADD COLUMN "sop_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "data" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "case_files_staged" ON "case_files" USING btree ("uploaded_by","uploaded_at") WHERE "case_files"."case_id" is null;--> statement-breakpoint
-- Hand-written (drizzle has no tsvector type): what `case.search` matches — the case number and
-- title and every text or number value of the case file, as words ("simple": no stemming, so
-- names and NIKs match as written). Generated, so no writer can forget it.
ALTER TABLE "cases" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  to_tsvector('simple'::regconfig, "number" || ' ' || "title")
  || jsonb_to_tsvector('simple'::regconfig, "data", '["string", "numeric"]'::jsonb)
) STORED;--> statement-breakpoint
CREATE INDEX "cases_search" ON "cases" USING gin ("search");
