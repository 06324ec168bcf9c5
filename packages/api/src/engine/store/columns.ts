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

/**
 * A row set a write statement reads from its parameters, as a `VALUES` list with one parameter per
 * value (`$<set>_<row>_<column>`), each sent as text and cast to its column's type in the statement:
 * the planner knows how many rows come, and PostgreSQL parses no JSON. (Until 2026-12-02 the row
 * sets travelled as one JSON parameter each, read with `jsonb_to_recordset`: 16 % more of the
 * backend's CPU for the write of a completion, and 11 % more of Node's, BENCHMARKS.md #16.)
 * `extra` are columns that are no table's (`previous: 'previous text'`): JS key → SQL name and type.
 */
export interface RowSet {
  /**
   * `(values ($p_0_0::text::uuid, …), …) as x(id, …)`: `rows` rows of the parameters named after
   * `p`, under the columns' SQL names; with `ordinality`, a last column `n` numbers them from 1.
   */
  values(p: string, rows: number, options?: { alias?: string; ordinality?: boolean }): string;
  /** Adds to `into` the parameters of `values(p, rows.length)`. */
  bind(p: string, rows: readonly object[], into: Record<string, unknown>): void;
}

/** A value as the text its `::text::<type>` cast reads: JSON for objects, ISO for instants. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function rowSetOf<T extends Table>(
  table: T,
  keys: readonly ColumnKey<T>[],
  extra: Record<string, string> = {},
): RowSet {
  const columns = [
    ...keys.map((k) => [k, columnName(table, k), columnOf(table, k).getSQLType()] as const),
    ...Object.entries(extra).map(([k, def]) => {
      const [name, ...type] = def.split(' ');
      return [k, name!, type.join(' ')] as const;
    }),
  ];
  const names = columns.map(([, name]) => name).join(', ');
  return {
    values: (p, rows, { alias = 'x', ordinality = false } = {}) => {
      const list = Array.from({ length: rows }, (_, r) => {
        const cells = columns.map(([, , type], c) => `$${p}_${r}_${c}::text::${type}`);
        return `(${[...cells, ...(ordinality ? [String(r + 1)] : [])].join(', ')})`;
      });
      return `(values ${list.join(', ')}) as ${alias}(${names}${ordinality ? ', n' : ''})`;
    },
    bind: (p, rows, into) => {
      rows.forEach((row, r) => {
        columns.forEach(([k], c) => {
          into[`${p}_${r}_${c}`] = asText((row as Record<string, unknown>)[k]);
        });
      });
    },
  };
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
