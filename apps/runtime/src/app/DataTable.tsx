import type { Key, ReactNode } from 'react';

/** One column of a DataTable: its header, whether it holds numbers, and how a row fills its cell. */
export type Column<Row> = {
  id: string;
  header: ReactNode;
  /** Right-aligned figures (the `num` class on header and cells). */
  num?: boolean;
  cell: (row: Row) => ReactNode;
  /** A class that depends on the row, e.g. `overdue` when the count is above zero. */
  cellClass?: (row: Row) => string | undefined;
};

/** Joins the numeric and row-dependent classes; no attribute at all when there is neither. */
function buildCellClass(num: boolean | undefined, extra: string | undefined) {
  return [num ? 'num' : '', extra ?? ''].filter(Boolean).join(' ') || undefined;
}

/** A `.data-table` whose header and cells come from one column list, so the two never drift apart. */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowClass,
  testId,
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => Key;
  rowClass?: (row: Row) => string | undefined;
  testId?: string;
}) {
  return (
    <table className="data-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.id} scope="col" className={buildCellClass(c.num, undefined)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClass?.(row)}>
            {columns.map((c) => (
              <td key={c.id} className={buildCellClass(c.num, c.cellClass?.(row))}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The header of a column of row buttons: named for screen readers, blank on screen. */
export function ActionsHeader({ label }: { label: string }) {
  return <span className="sr-only">{label}</span>;
}
