-- Hand-written. Every server process keeps the sessions it resolved for a few seconds
-- (src/auth/session-cache.ts) so that a request costs one round trip, not two (#16). What may make
-- such an entry wrong is announced here, by the database itself, on the channel `alur_sessions`:
-- a session ended or changed, a user changed in what a session carries (active, permissions,
-- agency, username, display name) or removed, a position given or taken. The payload is the
-- affected user ids, comma-separated, or `*` (forget everything) when they would not fit in one
-- NOTIFY or a table was truncated. Statement-level triggers: one NOTIFY per statement, none when
-- no row changed (the expired-session sweep at every login), nothing on inserting a session. A
-- NOTIFY is delivered when its transaction commits, and only then.
CREATE FUNCTION alur_notify_session_users(p_users text[]) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  payload text;
BEGIN
  IF p_users IS NULL OR cardinality(p_users) = 0 THEN
    RETURN;
  END IF;
  payload := array_to_string(p_users, ',');
  IF length(payload) > 7000 THEN
    payload := '*';
  END IF;
  PERFORM pg_notify('alur_sessions', payload);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION alur_sessions_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('alur_sessions', '*');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION alur_session_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM alur_notify_session_users(ARRAY(SELECT DISTINCT o.user_id::text FROM old_rows o));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION alur_session_users_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM alur_notify_session_users(ARRAY(
    SELECT DISTINCT o.id::text FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id
    WHERE n.id IS NULL
      OR (o.active, o.permissions, o.agency_id, o.username, o.display_name)
        IS DISTINCT FROM (n.active, n.permissions, n.agency_id, n.username, n.display_name)));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION alur_session_users_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM alur_notify_session_users(ARRAY(SELECT DISTINCT o.id::text FROM old_rows o));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- PostgreSQL allows transition tables only on single-event triggers, hence one per event; the
-- function looks at TG_OP to know which of the two tables exists.
CREATE FUNCTION alur_session_positions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM alur_notify_session_users(ARRAY(SELECT DISTINCT n.user_id::text FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM alur_notify_session_users(ARRAY(SELECT DISTINCT o.user_id::text FROM old_rows o));
  ELSE
    PERFORM alur_notify_session_users(ARRAY(
      SELECT o.user_id::text FROM old_rows o UNION SELECT n.user_id::text FROM new_rows n));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_deleted AFTER DELETE ON "sessions" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION alur_session_rows_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_updated AFTER UPDATE ON "sessions" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION alur_session_rows_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION alur_sessions_forget_all();
--> statement-breakpoint
CREATE TRIGGER users_session_fields_updated AFTER UPDATE ON "users"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION alur_session_users_updated();
--> statement-breakpoint
CREATE TRIGGER users_deleted AFTER DELETE ON "users" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION alur_session_users_deleted();
--> statement-breakpoint
CREATE TRIGGER users_truncated AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION alur_sessions_forget_all();
--> statement-breakpoint
CREATE TRIGGER user_positions_inserted AFTER INSERT ON "user_positions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION alur_session_positions_changed();
--> statement-breakpoint
CREATE TRIGGER user_positions_deleted AFTER DELETE ON "user_positions" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION alur_session_positions_changed();
--> statement-breakpoint
CREATE TRIGGER user_positions_updated AFTER UPDATE ON "user_positions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION alur_session_positions_changed();
--> statement-breakpoint
CREATE TRIGGER user_positions_truncated AFTER TRUNCATE ON "user_positions"
  FOR EACH STATEMENT EXECUTE FUNCTION alur_sessions_forget_all();
