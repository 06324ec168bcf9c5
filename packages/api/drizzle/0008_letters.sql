CREATE TABLE "letter_counters" (
	"agency_id" uuid NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "letter_counters_agency_id_series_year_pk" PRIMARY KEY("agency_id","series","year")
);
--> statement-breakpoint
CREATE TABLE "letter_outputs" (
	"sop_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"kode" text DEFAULT '' NOT NULL,
	"format" text,
	"subject" text DEFAULT '' NOT NULL,
	"recipient_field" text,
	"signer" jsonb,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_outputs_sop_id_node_id_pk" PRIMARY KEY("sop_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "letter_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"format" text DEFAULT '{kode}/{urut:4}/{unit}/{tahun}' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"task_id" uuid,
	"node_id" text NOT NULL,
	"template_id" uuid NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"file_id" uuid,
	"pdf_file_id" uuid,
	"subject" text NOT NULL,
	"recipient" text NOT NULL,
	"replaced_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "version_templates" (
	"version_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"template_id" uuid NOT NULL,
	CONSTRAINT "version_templates_version_id_node_id_pk" PRIMARY KEY("version_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "letter_counters" ADD CONSTRAINT "letter_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_outputs" ADD CONSTRAINT "letter_outputs_sop_id_sops_id_fk" FOREIGN KEY ("sop_id") REFERENCES "public"."sops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_outputs" ADD CONSTRAINT "letter_outputs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_settings" ADD CONSTRAINT "letter_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_templates" ADD CONSTRAINT "letter_templates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_templates" ADD CONSTRAINT "letter_templates_sop_id_sops_id_fk" FOREIGN KEY ("sop_id") REFERENCES "public"."sops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_template_id_letter_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."letter_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_file_id_case_files_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."case_files"("file_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_pdf_file_id_case_files_file_id_fk" FOREIGN KEY ("pdf_file_id") REFERENCES "public"."case_files"("file_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_templates" ADD CONSTRAINT "version_templates_version_id_sop_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."sop_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_templates" ADD CONSTRAINT "version_templates_template_id_letter_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."letter_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "letter_templates_current" ON "letter_templates" USING btree ("sop_id","node_id") WHERE current;--> statement-breakpoint
CREATE INDEX "letter_templates_sha256" ON "letter_templates" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_serial" ON "letters" USING btree ("agency_id","series","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_case_node_active" ON "letters" USING btree ("case_id","node_id") WHERE replaced_by is null;--> statement-breakpoint
CREATE INDEX "letters_agency_created" ON "letters" USING btree ("agency_id","created_at");