CREATE TABLE "task_reads" (
	"task_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_reads_task_id_user_id_pk" PRIMARY KEY("task_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "sent_back" jsonb;--> statement-breakpoint
ALTER TABLE "task_reads" ADD CONSTRAINT "task_reads_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reads" ADD CONSTRAINT "task_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_position_created" ON "tasks" USING btree ("agency_id","position_key","created_at");--> statement-breakpoint
-- Every task is its own "arrived" notification (#16: one row and four index entries less per
-- step). What the old rows held moves over: the "sent back" note to the task, the read marks to
-- task_reads; then the rows go. A task-linked notification (overdue) is done when its task is.
UPDATE "tasks" t SET "sent_back" = n."data" -> 'sentBack'
  FROM "notifications" n
  WHERE n."task_id" = t."id" AND n."kind" = 'task.arrived' AND n."data" ? 'sentBack';--> statement-breakpoint
INSERT INTO "task_reads" ("task_id", "user_id", "read_at")
  SELECT n."task_id", r."user_id", r."read_at"
  FROM "notification_reads" r JOIN "notifications" n ON n."id" = r."notification_id"
  WHERE n."kind" = 'task.arrived' AND n."task_id" IS NOT NULL
  ON CONFLICT DO NOTHING;--> statement-breakpoint
DELETE FROM "notifications" WHERE "kind" = 'task.arrived';--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "done_at";