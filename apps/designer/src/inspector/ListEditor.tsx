import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Edits a list of texts (kelengkapan, dasar hukum …): add, edit, reorder, remove; keyboard-usable. */
export function ListEditor(props: {
  label: string;
  items: string[];
  onChange: (items: string[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [draft, setDraft] = useState('');
  const { items, onChange } = props;
  const move = (i: number, d: number) => {
    const next = [...items];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    onChange(next);
  };
  const add = () => {
    if (!draft.trim()) return;
    onChange([...items, draft.trim()]);
    setDraft('');
  };
  return (
    <fieldset className="list-editor" data-testid={props.testId} aria-labelledby={headingId}>
      <legend id={headingId}>{props.label}</legend>
      {items.length === 0 && <p className="muted">{t('list.empty')}</p>}
      <ol>
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are plain texts that may repeat
          <li key={i}>
            <input
              type="text"
              aria-label={t('list.item', { n: i + 1 })}
              defaultValue={item}
              key={item}
              onBlur={(e) => {
                if (e.target.value !== item) onChange(items.map((x, j) => (j === i ? e.target.value : x)));
              }}
            />
            <button
              type="button"
              aria-label={t('list.up')}
              title={t('list.up')}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={t('list.down')}
              title={t('list.down')}
              disabled={i === items.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={t('list.remove')}
              title={t('list.remove')}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="list-add">
        <input
          type="text"
          value={draft}
          aria-label={`${props.label}: ${t('list.add')}`}
          data-testid={`${props.testId}-new`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} data-testid={`${props.testId}-add`}>
          {t('list.add')}
        </button>
      </div>
    </fieldset>
  );
}
