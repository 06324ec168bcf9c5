import type { NodeType } from '@alur/schema';
import { useTranslation } from 'react-i18next';

/** The drag type carrying a symbol from the palette onto the canvas. */
export const PALETTE_MIME = 'application/alur-node';

const ITEMS: NodeType[] = ['start', 'activity', 'decision', 'fork', 'join', 'end'];

/**
 * Symbols to drag onto a lane. For keyboard users, Enter on an item adds it to the selected lane
 * (or the first lane) below the lowest node.
 */
export function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  const { t } = useTranslation();
  return (
    <aside className="palette" aria-label={t('palette.title')}>
      <h2>{t('palette.title')}</h2>
      <p className="hint">{t('palette.hint')}</p>
      {ITEMS.map((type) => (
        <button
          type="button"
          key={type}
          className={`palette-item palette-${type}`}
          data-testid={`palette-${type}`}
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, type);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onClick={() => onAdd(type)}
        >
          <span className={`glyph glyph-${type}`} aria-hidden="true" />
          {t(`palette.${type}`)}
        </button>
      ))}
    </aside>
  );
}
