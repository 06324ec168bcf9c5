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
 * A row set a write statement reads from one JSON parameter, kept small: each column travels under
 * a one-letter key and null values are left out (`jsonb_to_recordset` reads a missing key as null).
 * The statement's message must stay under 1,024 bytes for postgres-js to hold it back and send it
 * with the COMMIT behind it in one socket write; above that it writes it at once, and COMMIT in a
 * second write on the next tick. `extra` are columns that are no table's (`previous: 'previous
 * text'`): JS key → SQL name and type.
 */
export interface CompactRows {
  /** `a uuid, b text, …`: the row type of `jsonb_to_recordset(…) as x(…)`. */
  recordset: string;
  /** `x.a as id, x.b as node_id, …`: the columns under their SQL names. */
  columns: string;
  /** The letters, in order (`a, b, …`), for a `with ordinality as x(a, b, …, n)` alias list. */
  letters: string;
  /** The rows (keyed by drizzle keys and `extra`'s keys) as the parameter's JSON text. */
  json(rows: readonly object[]): string;
}

export function compactRowsOf<T extends Table>(
  table: T,
  keys: readonly ColumnKey<T>[],
  extra: Record<string, string> = {},
): CompactRows {
  const columns = [
    ...keys.map((k) => [k, columnName(table, k), columnOf(table, k).getSQLType()] as const),
    ...Object.entries(extra).map(([k, def]) => {
      const [name, ...type] = def.split(' ');
      return [k, name!, type.join(' ')] as const;
    }),
  ];
  if (columns.length > 26) throw new Error('too many columns for one-letter keys');
  const letters = columns.map((_, i) => String.fromCharCode(97 + i));
  const pairs = columns.map(([k], i) => [k, letters[i]!] as const);
  return {
    recordset: columns.map(([, , type], i) => `${letters[i]} ${type}`).join(', '),
    columns: columns.map(([, name], i) => `x.${letters[i]} as ${name}`).join(', '),
    letters: letters.join(', '),
    json: (rows) =>
      JSON.stringify(
        rows.map((row) => {
          const out: Record<string, unknown> = {};
          for (const [k, letter] of pairs) {
            const value = (row as Record<string, unknown>)[k];
            if (value !== null && value !== undefined) out[letter] = value;
          }
          return out;
        }),
      ),
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
