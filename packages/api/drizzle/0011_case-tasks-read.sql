-- Hand-written. A task command's first round trip was two statements: the case row FOR UPDATE,
-- then the case's tasks, sent after it on the same connection so that they run once the lock is
-- held (a subquery of the locking statement would read them in the snapshot taken before a lock
-- wait, missing the command that held the lock). This function reads them as one value for the
-- locking statement to call on the locked row: being VOLATILE, its query runs in a snapshot of its
-- own, taken when it is called, after the lock (READ COMMITTED). It returns, in created order, the
-- tasks a command can act on in full (open, claimed, or the one named) as arrays, and of the
-- finished rest only their steps (the engine counts them into `earlierVisits`): a case's history
-- grows by a task per step, and only its visit counts matter. Timestamps as ISO 8601 UTC text.
-- PL/pgSQL, not SQL: PostgreSQL plans a SQL function's query again on every call from a prepared
-- statement, a PL/pgSQL function's once per connection.
CREATE FUNCTION alur_case_tasks(p_case uuid, p_task uuid) RETURNS json
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE AS $$
BEGIN
  RETURN (SELECT json_build_object(
    'live', coalesce(json_agg(json_build_array(t.id, t.node_id, t.kind, t.position_key, t.status, t.attempt,
        t.token, t.claimed_by,
        to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        to_char(t.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        to_char(t.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        t.completed_by, t.outcome, t.note) ORDER BY t.created_at, t.id)
      FILTER (WHERE t.status IN ('open', 'claimed') OR t.id = p_task), '[]'::json),
    'done', coalesce(json_agg(t.node_id) FILTER (WHERE t.status NOT IN ('open', 'claimed') AND t.id <> p_task),
      '[]'::json))
  FROM tasks t WHERE t.case_id = p_case);
END;
$$;
