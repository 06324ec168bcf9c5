import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Pieces of the engine's hand-written SQL taken from the drizzle schema (db/schema.ts), so the
 * statements and the tables cannot disagree on a column's name or type. Everything here but
 * `RowSet.cells` runs once per statement text, when it is built; the statements stay constant text.
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
  /** Values per row: the parameter `$<set>_<row>_<column>` is `cells(rows)[row * width + column]`. */
  width: number;
  /** The values of `values(p, rows.length)`'s parameters, row by row, each row in column order. */
  cells(rows: readonly object[]): (string | null)[];
}

/** A value as the text its `::text::<type>` cast reads: JSON for objects, ISO for instants. */
export function asText(value: unknown): string | null {
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
  const keyList = columns.map(([k]) => k);
  const width = keyList.length;
  return {
    width,
    cells: (rows) => {
      const out: (string | null)[] = new Array(rows.length * width);
      let i = 0;
      for (const row of rows) {
        for (let c = 0; c < width; c++) out[i++] = asText((row as Record<string, unknown>)[keyList[c]!]);
      }
      return out;
    },
    values: (p, rows, { alias = 'x', ordinality = false } = {}) => {
      const list = Array.from({ length: rows }, (_, r) => {
        const cells = columns.map(([, , type], c) => `$${p}_${r}_${c}::text::${type}`);
        return `(${[...cells, ...(ordinality ? [String(r + 1)] : [])].join(', ')})`;
      });
      return `(values ${list.join(', ')}) as ${alias}(${names}${ordinality ? ', n' : ''})`;
    },
  };
}

/** A statement written with `$name` placeholders, compiled once to positional `$1, $2, …`. */
export interface NamedStatement<P> {
  text: string;
  /** The parameters' names by position (`names[0]` is `$1`). */
  names: readonly string[];
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
    names,
    bind: (values) =>
      names.map((n) => {
        if (!(n in values)) throw new Error(`parameter ${n} missing`);
        return values[n];
      }),
  };
}
