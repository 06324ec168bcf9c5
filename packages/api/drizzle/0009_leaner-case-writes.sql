-- Hand-written. (1) `cases.search` (what `case.search` matches, migration 0006) was a STORED generated
-- column, and PostgreSQL recomputes a generated column on every UPDATE of its row: the case row is
-- updated by every task command, so every completion parsed the number, title and every value of
-- the case file into a tsvector again, to get the same value. It becomes a plain column (DROP
-- EXPRESSION keeps every stored value and the GIN index `cases_search`), kept by a trigger that
-- computes the same tsvector on INSERT and on an UPDATE that changes number, title or data (or
-- writes `search` itself, so no writer can set it to anything else).
ALTER TABLE "cases" ALTER COLUMN "search" DROP EXPRESSION;--> statement-breakpoint
CREATE FUNCTION alur_cases_search() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := to_tsvector('simple'::regconfig, NEW.number || ' ' || NEW.title)
    || jsonb_to_tsvector('simple'::regconfig, NEW.data, '["string", "numeric"]'::jsonb);
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER cases_search_insert BEFORE INSERT ON "cases"
  FOR EACH ROW EXECUTE FUNCTION alur_cases_search();--> statement-breakpoint
-- The WHEN is checked by the executor without calling the function: a completion, which sets
-- `data` to itself, costs one comparison.
CREATE TRIGGER cases_search_update BEFORE UPDATE OF "number", "title", "data", "search" ON "cases"
  FOR EACH ROW
  WHEN (NEW.number IS DISTINCT FROM OLD.number OR NEW.title IS DISTINCT FROM OLD.title
    OR NEW.data IS DISTINCT FROM OLD.data OR NEW.search IS DISTINCT FROM OLD.search)
  EXECUTE FUNCTION alur_cases_search();
--> statement-breakpoint
-- (2) A time-ordered UUID (version 7: 48 bits of Unix milliseconds of `at`, then random bits), as
-- db/uuid7.ts makes them, for rows the case writer inserts without the client naming them (a new
-- task's "arrived" notification): one id less in the statement's message.
CREATE FUNCTION alur_uuid7(at timestamptz) RETURNS uuid
  LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
    PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
    52, 1), 53, 1), 'hex')::uuid
$$;
