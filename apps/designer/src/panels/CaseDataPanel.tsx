import {
  DATA_FIELD_TYPES,
  type DataField,
  isPersonalField,
  numberRows,
  type SopDocument,
} from '@alur/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findFieldUses, makeFieldKey } from '../model/field-commands.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';

/** Where a field is used, in words: "Mulai, baris 1, baris 3". */
function describeUses(doc: SopDocument, key: string, start: string, row: (n: number) => string): string {
  const rows = numberRows(doc);
  return findFieldUses(doc, key)
    .map(({ nodeId }) => {
      const n = rows.get(nodeId);
      return n === undefined ? start : row(n);
    })
    .join(', ');
}

/** The case file's data fields: add, edit, reorder and remove, all through commands. */
export function CaseDataPanel() {
  const { t } = useTranslation();
  const doc = useEditor(selectSettledDocument);
  const dispatch = useEditor((s) => s.dispatch);
  const [label, setLabel] = useState('');
  const [type, setType] = useState<DataField['type']>('text');
  const add = () => {
    if (!label.trim()) return;
    const field: DataField = { key: makeFieldKey(doc, label), label: label.trim(), type };
    dispatch({ type: 'field.add', payload: { field } });
    setLabel('');
  };
  return (
    <section className="case-data" aria-label={t('caseData.title')} data-testid="case-data-panel">
      <h2>{t('caseData.title')}</h2>
      <p className="muted">{t('caseData.hint')}</p>
      {doc.dataFields.length === 0 && <p className="muted">{t('caseData.empty')}</p>}
      <ol>
        {doc.dataFields.map((f, i) => (
          <FieldItem key={f.key} field={f} index={i} count={doc.dataFields.length} />
        ))}
      </ol>
      <div className="inline-form">
        <input
          type="text"
          aria-label={t('caseData.newLabel')}
          placeholder={t('caseData.newLabel')}
          value={label}
          data-testid="case-data-new-label"
          onChange={(e) => setLabel(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        <select
          aria-label={t('caseData.type')}
          value={type}
          data-testid="case-data-new-type"
          onChange={(e) => setType(e.target.value as DataField['type'])}
        >
          {DATA_FIELD_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`caseData.types.${ty}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={add} data-testid="case-data-add">
          {t('caseData.add')}
        </button>
      </div>
    </section>
  );
}

function FieldItem({ field, index, count }: { field: DataField; index: number; count: number }) {
  const { t } = useTranslation();
  const doc = useEditor(selectSettledDocument);
  const dispatch = useEditor((s) => s.dispatch);
  const [confirming, setConfirming] = useState(false);
  const update = (patch: Partial<Omit<DataField, 'key'>>) =>
    dispatch({ type: 'field.update', payload: { key: field.key, patch } });
  const remove = () => dispatch({ type: 'field.remove', payload: { key: field.key } });
  const where = useMemo(
    () => describeUses(doc, field.key, t('caseData.start'), (row) => t('caseData.row', { row })),
    [doc, field.key, t],
  );
  return (
    <li data-testid={`case-field-${field.key}`}>
      <details>
        <summary>
          {field.label || field.key} <small>({t(`caseData.types.${field.type}`)})</small>
        </summary>
        <label>
          {t('caseData.label')}
          <input
            type="text"
            defaultValue={field.label}
            key={field.label}
            onBlur={(e) => e.target.value !== field.label && update({ label: e.target.value })}
          />
        </label>
        <label>
          {t('caseData.type')}
          <select value={field.type} onChange={(e) => update({ type: e.target.value as DataField['type'] })}>
            {DATA_FIELD_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`caseData.types.${ty}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={isPersonalField(field)}
            onChange={(e) => update({ personal: e.target.checked })}
          />
          {t('caseData.personal')}
        </label>
        {field.type === 'choice' && (
          <label>
            {t('caseData.options')}
            <textarea
              rows={3}
              defaultValue={(field.options ?? []).join('\n')}
              key={(field.options ?? []).join('\n')}
              onBlur={(e) => {
                const options = e.target.value
                  .split('\n')
                  .map((o) => o.trim())
                  .filter(Boolean);
                if (options.join('\n') !== (field.options ?? []).join('\n')) update({ options });
              }}
            />
          </label>
        )}
        {field.type === 'file' && (
          <>
            <label className="check">
              <input
                type="checkbox"
                checked={field.multiple ?? false}
                onChange={(e) => update({ multiple: e.target.checked || undefined })}
              />
              {t('caseData.multiple')}
            </label>
            <label>
              {t('caseData.kelengkapan')}
              <input
                type="text"
                defaultValue={field.kelengkapan ?? ''}
                key={field.kelengkapan ?? ''}
                onBlur={(e) => {
                  const v = e.target.value.trim() || undefined;
                  if (v !== field.kelengkapan) update({ kelengkapan: v });
                }}
              />
            </label>
          </>
        )}
        <div className="inspector-actions">
          <button
            type="button"
            aria-label={t('caseData.up')}
            title={t('caseData.up')}
            disabled={index === 0}
            onClick={() => dispatch({ type: 'field.move', payload: { key: field.key, toIndex: index - 1 } })}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={t('caseData.down')}
            title={t('caseData.down')}
            disabled={index === count - 1}
            onClick={() => dispatch({ type: 'field.move', payload: { key: field.key, toIndex: index + 1 } })}
          >
            ↓
          </button>
          <button
            type="button"
            className="danger"
            data-testid="case-field-remove"
            onClick={() => (where ? setConfirming(true) : remove())}
          >
            {t('caseData.remove')}
          </button>
        </div>
        {confirming && (
          <div role="alert" className="confirm" data-testid="case-field-used">
            <p>{t('caseData.usedIn', { where })}</p>
            <button type="button" className="danger" onClick={remove}>
              {t('caseData.confirmRemove')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('caseData.cancel')}
            </button>
          </div>
        )}
      </details>
    </li>
  );
}
