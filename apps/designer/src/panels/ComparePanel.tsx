import { useTranslation } from 'react-i18next';
import type { DiffItem } from '../compare/diff-items.ts';
import { useEditor } from '../store/EditorContext.tsx';

/** The list of differences beside the canvas; clicking a line selects the element. */
export function ComparePanel({ items }: { items: DiffItem[] }) {
  const { t } = useTranslation();
  const select = useEditor((s) => s.select);
  const selectItem = (item: DiffItem) =>
    select({
      nodeIds: item.kind === 'node' ? [item.elementId] : [],
      edgeIds: item.kind === 'edge' ? [item.elementId] : [],
      laneId: item.kind === 'lane' ? item.elementId : null,
      identity: false,
    });
  return (
    <aside className="compare-panel" aria-label={t('compare.title')} data-testid="compare-panel">
      <h2>{t('compare.title')}</h2>
      {items.length === 0 && <p className="muted">{t('compare.none')}</p>}
      <ul>
        {items.map((item) => (
          <li key={`${item.kind}-${item.elementId}`} className={`diff-item ${item.status}`}>
            <button
              type="button"
              className="link"
              data-testid="compare-item"
              data-status={item.status}
              onClick={() => selectItem(item)}
            >
              <span className="diff-status">{t(`compare.${item.status}`)}</span> {t(`compare.${item.kind}`)}:{' '}
              <strong>{item.label}</strong>
              {item.fields.length > 0 && ` (${item.fields.map((f) => t(`compare.fields.${f}`)).join(', ')})`}
              {item.relabel &&
                ` (${t('compare.relabel', {
                  from: item.relabel.from || t('compare.noLabel'),
                  to: item.relabel.to || t('compare.noLabel'),
                })})`}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
