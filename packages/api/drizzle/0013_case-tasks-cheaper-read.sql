-- Hand-written (#16: PostgreSQL's CPU per task completion). `alur_case_tasks` (migration 0011), the
-- same result with less work per call, measured with callgrind on a case of 40 tasks (instructions
-- of the backend per call, BENCHMARKS.md "PostgreSQL side"): 333k before, 313k after.
-- * The live tasks are no longer sorted by the aggregate: an ordered aggregate sets up a sort on
--   every call, for the one or two rows it gets. The engine orders them by (created_at, id), as
--   this function did (src/engine/store/store.ts), from the timestamps and ids it reads anyway.
-- * `status = 'open' OR status = 'claimed'` where it was `status IN ('open', 'claimed')`: the same
--   test (status is NOT NULL), without an array walk for each of a case's tasks, twice per task.
-- Still PL/pgSQL and VOLATILE, for the reasons given in 0011 (its query reads in a snapshot taken
-- after the caller's row lock; planned once per connection).
CREATE OR REPLACE FUNCTION alur_case_tasks(p_case uuid, p_task uuid) RETURNS json
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE AS $$
BEGIN
  RETURN (SELECT json_build_object(
    'live', coalesce(json_agg(json_build_array(t.id, t.node_id, t.kind, t.position_key, t.status, t.attempt,
        t.token, t.claimed_by,
        to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        to_char(t.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        to_char(t.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        t.completed_by, t.outcome, t.note))
      FILTER (WHERE t.status = 'open' OR t.status = 'claimed' OR t.id = p_task), '[]'::json),
    'done', coalesce(json_agg(t.node_id)
      FILTER (WHERE t.status <> 'open' AND t.status <> 'claimed' AND t.id <> p_task), '[]'::json))
  FROM tasks t WHERE t.case_id = p_case);
END;
$$;
