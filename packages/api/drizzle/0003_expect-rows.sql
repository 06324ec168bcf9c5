-- A guard for statements sent together with COMMIT: the engine's write statement checks that each
-- guarded update found its row (a task still in the status it was read in, the locked case) and,
-- if one did not, fails the statement with SQLSTATE AL409 so the transaction rolls back instead of
-- committing half a transition. The server maps AL409 to a CONFLICT ("reload and try again").
CREATE FUNCTION alur_expect_rows(actual bigint, expected bigint, what text) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF actual IS DISTINCT FROM expected THEN
    RAISE EXCEPTION USING ERRCODE = 'AL409', MESSAGE = what,
      DETAIL = format('expected %s rows, changed %s', expected, actual);
  END IF;
END;
$$;
