import { computeRowOrder, type SopNode } from '@alur/schema';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectOnly } from '../model/selection.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';

/**
 * Rows put into the page at first, and added each time the list is scrolled near its end (or the
 * "show the next rows" button is pressed). The list shows about eight rows at a time, so 40 is five
 * lists' worth; real SOPs have tens of rows and show them all. A 2,000-row one would otherwise
 * build 8,000 buttons before the editor can be used; at 200 rows the list was still three
 * quarters of the page's elements when a 2,000-symbol SOP opened (BENCHMARKS.md).
 */
export const ROWS_AT_ONCE = 40;

/** The printed table's row order; rows move up and down with buttons (keyboard-usable). */
export function RowsPanel() {
  const { t } = useTranslation();
  const doc = useEditor(selectSettledDocument);
  const dispatch = useEditor((s) => s.dispatch);
  const select = useEditor((s) => s.select);
  const selected = useEditor((s) => s.selection.nodeIds);
  const rows = useMemo(() => computeRowOrder(doc), [doc]);
  const lanes = useMemo(() => new Map(doc.lanes.map((l) => [l.id, l.name])), [doc.lanes]);
  const selectedIds = useMemo(() => new Set(selected), [selected]);
  const move = useCallback(
    (i: number, d: number) => {
      const ids = rows.map((n) => n.id);
      const [x] = ids.splice(i, 1);
      ids.splice(i + d, 0, x!);
      dispatch({ type: 'rows.reorder', payload: { rowOrder: ids } });
    },
    [rows, dispatch],
  );
  const onSelect = useCallback((id: string) => select(selectOnly('node', id)), [select]);
  // Labels looked up once, not per row: a long SOP has hundreds of rows.
  const labels = useMemo(() => ({ up: t('rows.up'), down: t('rows.down') }), [t]);
  const [limit, setLimit] = useState(ROWS_AT_ONCE);
  // A symbol selected on the canvas always has its row in the list.
  const lastSelected = rows.reduce((last, n, i) => (selectedIds.has(n.id) ? i : last), -1);
  const shown = Math.max(limit, lastSelected + 1);
  const more = rows.length - shown;
  const listRef = useRef<HTMLOListElement>(null);
  const moreRef = useRef<HTMLLIElement>(null);
  const hasMore = more > 0;
  useEffect(() => {
    const list = listRef.current;
    const sentinel = moreRef.current;
    if (!hasMore || !list || !sentinel || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + ROWS_AT_ONCE);
      },
      { root: list, rootMargin: '0px 0px 200px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasMore]);
  return (
    <section className="rows" aria-label={t('rows.title')} data-testid="rows-panel">
      <h2>{t('rows.title')}</h2>
      {rows.length === 0 && <p className="muted">{t('rows.empty')}</p>}
      <ol ref={listRef}>
        {rows.slice(0, shown).map((n, i) => (
          <Row
            key={n.id}
            node={n}
            index={i}
            last={i === rows.length - 1}
            laneName={lanes.get(n.laneId)}
            selected={selectedIds.has(n.id)}
            labels={labels}
            onSelect={onSelect}
            onMove={move}
          />
        ))}
        {hasMore && (
          <li ref={moreRef} className="rows-more">
            <button type="button" data-testid="rows-more" onClick={() => setLimit(shown + ROWS_AT_ONCE)}>
              {t('rows.more', { count: more })}
            </button>
          </li>
        )}
      </ol>
    </section>
  );
}

/** One row; memoised, so selecting a symbol re-renders the two rows whose mark changes. */
const Row = memo(function Row(props: {
  node: SopNode;
  index: number;
  last: boolean;
  laneName: string | undefined;
  selected: boolean;
  labels: { up: string; down: string };
  onSelect: (id: string) => void;
  onMove: (index: number, delta: number) => void;
}) {
  const { node: n, index: i, labels } = props;
  return (
    <li className={props.selected ? 'selected' : ''} data-testid={`row-${n.id}`}>
      <button type="button" className="row-label" onClick={() => props.onSelect(n.id)}>
        <span className="row-no">{i + 1}.</span> {n.kegiatan || '…'} <small>({props.laneName})</small>
      </button>
      <button
        type="button"
        aria-label={labels.up}
        title={labels.up}
        disabled={i === 0}
        onClick={() => props.onMove(i, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        aria-label={labels.down}
        title={labels.down}
        disabled={props.last}
        onClick={() => props.onMove(i, 1)}
      >
        ↓
      </button>
    </li>
  );
});
