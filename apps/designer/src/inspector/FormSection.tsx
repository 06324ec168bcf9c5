import { describeForm, type FieldMode, type FormField, type SopNode } from '@alur/schema';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';

const MODES = ['hidden', 'read', 'edit', 'require'] as const;

/**
 * The node's form (the start form on Mulai, the task form on a step): per data field hidden, read,
 * edit or required, through `node.setFieldMode`, with a live preview of what staff will fill.
 */
export function FormSection({ node }: { node: SopNode }) {
  const { t } = useTranslation();
  const doc = useEditor(selectSettledDocument);
  const dispatch = useEditor((s) => s.dispatch);
  const modes = new Map(node.fields.map((f) => [f.key, f.mode]));
  const setMode = (key: string, mode: FieldMode | null) =>
    dispatch({ type: 'node.setFieldMode', payload: { nodeId: node.id, key, mode } });
  const form = describeForm(doc, node.id);
  return (
    <fieldset className="form-section" data-testid="form-section">
      <legend>{t('form.title')}</legend>
      <p className="muted">{node.type === 'start' ? t('form.startHint') : t('form.stepHint')}</p>
      {doc.dataFields.length === 0 && <p className="muted">{t('form.noFields')}</p>}
      <ul>
        {doc.dataFields.map((f) => (
          <li key={f.key}>
            <label>
              <span>{f.label || f.key}</span>
              <select
                aria-label={t('form.modeOf', { label: f.label || f.key })}
                data-testid={`form-mode-${f.key}`}
                value={modes.get(f.key) ?? 'hidden'}
                onChange={(e) =>
                  setMode(f.key, e.target.value === 'hidden' ? null : (e.target.value as FieldMode))
                }
              >
                {MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`form.modes.${m}`)}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
      <section className="form-preview" aria-label={t('form.preview')} data-testid="form-preview">
        <h3>{t('form.preview')}</h3>
        {form.length === 0 && <p className="muted">{t('form.previewEmpty')}</p>}
        {form.map((f) => (
          <PreviewField key={f.key} field={f} />
        ))}
      </section>
    </fieldset>
  );
}

/** One field as the runtime will show it; inert, so the preview never edits anything. */
function PreviewField({ field }: { field: FormField }) {
  const { t } = useTranslation();
  const readOnly = field.mode === 'read';
  const common = { disabled: readOnly, tabIndex: -1, 'aria-readonly': readOnly };
  let control: React.ReactNode;
  switch (field.type) {
    case 'longtext':
      control = <textarea rows={2} {...common} />;
      break;
    case 'choice':
      control = (
        <select {...common}>
          <option>{t('form.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      );
      break;
    case 'yesno':
      control = <input type="checkbox" {...common} />;
      break;
    case 'file':
      control = (
        <input
          type="file"
          accept="image/*,application/pdf"
          capture="environment"
          multiple={field.multiple}
          {...common}
        />
      );
      break;
    default: {
      const type = { number: 'text', money: 'text', date: 'date', phone: 'tel', email: 'email' }[
        field.type as string
      ];
      control = (
        <input
          type={type ?? 'text'}
          inputMode={
            field.type === 'number' || field.type === 'money' || field.type === 'nik' ? 'numeric' : undefined
          }
          {...common}
        />
      );
    }
  }
  return (
    <div className="field" data-testid={`preview-${field.key}`}>
      <span>
        {field.label}
        {field.mode === 'require' && <abbr title={t('form.required')}> *</abbr>}
        {field.kelengkapan && <small> ({field.kelengkapan})</small>}
      </span>
      {control}
    </div>
  );
}
