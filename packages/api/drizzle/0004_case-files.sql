CREATE TABLE "case_files" (
	"file_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"field" text NOT NULL,
	"task_id" uuid,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_blob_parts" (
	"sha256" text NOT NULL,
	"part" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "file_blob_parts_sha256_part_pk" PRIMARY KEY("sha256","part")
);
--> statement-breakpoint
CREATE TABLE "file_blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_blob_parts" ADD CONSTRAINT "file_blob_parts_sha256_file_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."file_blobs"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_files_case" ON "case_files" USING btree ("case_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "case_files_sha256" ON "case_files" USING btree ("sha256");--> statement-breakpoint
-- Uploads are scans, photos and Office files: already compressed, so TOAST's compression would
-- only spend CPU on every part written. (Hand-written: drizzle has no column storage option.)
ALTER TABLE "file_blob_parts" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
