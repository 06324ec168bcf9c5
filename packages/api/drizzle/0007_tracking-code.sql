-- Cases started before this migration keep tracking_code null: PGlite has no pgcrypto, and codes
-- made in SQL from random() would not be crypto-strong. Their code is issued (crypto.randomBytes)
-- the first time their receipt is printed (services/tracking/receipt.ts). See docs/tracking.md.
ALTER TABLE "cases" ADD COLUMN "tracking_code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_tracking_code" ON "cases" USING btree ("tracking_code");