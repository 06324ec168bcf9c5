import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type Column, DataTable } from './DataTable.tsx';

type Row = { id: string; name: string; overdue: number };

const columns: Column<Row>[] = [
  { id: 'name', header: 'Nama', cell: (r) => r.name },
  {
    id: 'overdue',
    header: 'Terlambat',
    num: true,
    cell: (r) => r.overdue,
    cellClass: (r) => (r.overdue > 0 ? 'overdue' : undefined),
  },
];

function render(rows: Row[], extra: { testId?: string; rowClass?: (r: Row) => string | undefined } = {}) {
  return renderToStaticMarkup(
    createElement(DataTable<Row>, { columns, rows, rowKey: (r) => r.id, ...extra }),
  );
}

describe('DataTable', () => {
  it('renders the same markup the hand-written tables had: num class on header and cells only', () => {
    const html = render([
      { id: 'a', name: 'Kasi', overdue: 0 },
      { id: 'b', name: 'Staf', overdue: 2 },
    ]);
    expect(html).toBe(
      '<table class="data-table"><thead><tr>' +
        '<th scope="col">Nama</th><th scope="col" class="num">Terlambat</th>' +
        '</tr></thead><tbody>' +
        '<tr><td>Kasi</td><td class="num">0</td></tr>' +
        '<tr><td>Staf</td><td class="num overdue">2</td></tr>' +
        '</tbody></table>',
    );
  });

  it('passes the test id and a row class through', () => {
    const html = render([{ id: 'a', name: 'Kasi', overdue: 0 }], {
      testId: 'eval-positions',
      rowClass: (r) => (r.id === 'a' ? 'is-current' : undefined),
    });
    expect(html).toContain('<table class="data-table" data-testid="eval-positions">');
    expect(html).toContain('<tr class="is-current"><td>Kasi</td>');
  });

  it('renders an empty body when there are no rows', () => {
    expect(render([])).toContain('<tbody></tbody>');
  });
});
