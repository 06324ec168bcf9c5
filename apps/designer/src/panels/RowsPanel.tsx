import { computeRowOrder } from '@alur/schema';
import { useTranslation } from 'react-i18next';
import { selectOnly } from '../model/selection.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';

/** The printed table's row order; rows move up and down with buttons (keyboard-usable). */
export function RowsPanel() {
  const { t } = useTranslation();
  const doc = useEditor(selectSettledDocument);
  const dispatch = useEditor((s) => s.dispatch);
  const select = useEditor((s) => s.select);
  const selected = useEditor((s) => s.selection.nodeIds);
  const rows = computeRowOrder(doc);
  const lanes = new Map(doc.lanes.map((l) => [l.id, l.name]));
  const move = (i: number, d: number) => {
    const ids = rows.map((n) => n.id);
    const [x] = ids.splice(i, 1);
    ids.splice(i + d, 0, x!);
    dispatch({ type: 'rows.reorder', payload: { rowOrder: ids } });
  };
  return (
    <section className="rows" aria-label={t('rows.title')} data-testid="rows-panel">
      <h2>{t('rows.title')}</h2>
      {rows.length === 0 && <p className="muted">{t('rows.empty')}</p>}
      <ol>
        {rows.map((n, i) => (
          <li key={n.id} className={selected.includes(n.id) ? 'selected' : ''} data-testid={`row-${n.id}`}>
            <button type="button" className="row-label" onClick={() => select(selectOnly('node', n.id))}>
              <span className="row-no">{i + 1}.</span> {n.kegiatan || '…'}{' '}
              <small>({lanes.get(n.laneId)})</small>
            </button>
            <button
              type="button"
              aria-label={t('rows.up')}
              title={t('rows.up')}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={t('rows.down')}
              title={t('rows.down')}
              disabled={i === rows.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
