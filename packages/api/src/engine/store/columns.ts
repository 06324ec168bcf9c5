import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Pieces of the engine's hand-written SQL taken from the drizzle schema (db/schema.ts), so the
 * statements and the tables cannot disagree on a column's name or type. Everything here runs once,
 * when the statements are built at module load; the statements stay constant text.
 */

/** The keys of a table's row as drizzle selects it (camelCase). */
export type ColumnKey<T extends Table> = keyof T['$inferSelect'] & string;

function columnOf<T extends Table>(table: T, key: ColumnKey<T>) {
  const column = (getTableColumns(table) as Record<string, ReturnType<typeof getTableColumns>[string]>)[key];
  if (!column) throw new Error(`no column ${key}`);
  return column;
}

/** The SQL name of a column (`nodeId` → `node_id`). */
export function columnName<T extends Table>(table: T, key: ColumnKey<T>): string {
  return columnOf(table, key).name;
}

/** `node_id as "nodeId", …`: a select list whose rows come back keyed like drizzle's rows. */
export function selectListOf<T extends Table>(table: T, keys: readonly ColumnKey<T>[]): string {
  return keys
    .map((k) => {
      const name = columnName(table, k);
      return name === k ? name : `${name} as "${k}"`;
    })
    .join(', ');
}

/** `node_id text, due_at timestamp with time zone, …`: a `jsonb_to_recordset` row type. */
export function recordsetOf<T extends Table>(table: T, keys: readonly ColumnKey<T>[]): string {
  return keys.map((k) => `${columnName(table, k)} ${columnOf(table, k).getSQLType()}`).join(', ');
}

/** Turns rows keyed by drizzle keys into rows keyed by SQL names, as `recordsetOf` reads them. */
export function recordsOf<T extends Table>(
  table: T,
  keys: readonly ColumnKey<T>[],
): (rows: readonly object[]) => Record<string, unknown>[] {
  const names = keys.map((k) => [k, columnName(table, k)] as const);
  return (rows) =>
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, name] of names) out[name] = (row as Record<string, unknown>)[k] ?? null;
      return out;
    });
}

/** A statement written with `$name` placeholders, compiled once to positional `$1, $2, …`. */
export interface NamedStatement<P> {
  text: string;
  /** The positional parameters of `values`, in the order the text uses them. */
  bind(values: P): unknown[];
}

/** Compiles `$name` placeholders (a letter after `$`; `$1` is left alone) to positions. */
export function compileNamed<P extends Record<string, unknown>>(source: string): NamedStatement<P> {
  const names: string[] = [];
  const text = source.replace(/\$([A-Za-z]\w*)/g, (_, name: string) => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return `$${i + 1}`;
  });
  return {
    text,
    bind: (values) =>
      names.map((n) => {
        if (!(n in values)) throw new Error(`parameter ${n} missing`);
        return values[n];
      }),
  };
}
