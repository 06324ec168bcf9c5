-- The audit log is append-only: the database itself refuses to change or delete an event, so no
-- code path (nor a hand-written query) can rewrite history.
CREATE FUNCTION alur_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION alur_audit_append_only();
