-- The evaluation report reads a period of an agency's tasks and groups them by SOP, step and
-- position: a covering index lets PostgreSQL answer it from the index alone (drizzle's index
-- builder has no INCLUDE, hence a hand-written migration).
CREATE INDEX "tasks_evaluation" ON "tasks" USING btree ("agency_id","created_at") INCLUDE ("sop_id","node_id","position_key","status","working_minutes","due_at","completed_at");
