import { isFillingMode } from '@alur/schema/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldInput, NikHintLine } from './FieldInput.tsx';
import { FileField } from './FileField.tsx';
import { displayFieldValue } from './field-display.ts';
import {
  type DraftValue,
  type FormDraft,
  type FormFieldView,
  formatFileSize,
  isMaskedCurrent,
  type SlotFile,
} from './form-draft.ts';
import type { UploadTarget } from './upload.ts';

export type DraftChange = (
  key: string,
  update: DraftValue | ((prev: DraftValue | undefined) => DraftValue),
) => void;

/**
 * A node's form: per field its label ("wajib" when required), the input for its type (or its value
 * when read-only), the kelengkapan item beside an upload slot, and the issues of the shared check
 * or the server right under it.
 */
export function FormFields({
  form,
  draft,
  onChange,
  issues,
  uploadTarget,
  onUploading,
  disabled,
}: {
  form: readonly FormFieldView[];
  draft: FormDraft;
  onChange: DraftChange;
  issues: Record<string, string[]>;
  uploadTarget?: UploadTarget;
  onUploading?: (key: string, count: number) => void;
  disabled?: boolean;
}) {
  return (
    <div className="form-fields" data-testid="form-fields">
      {form.map((field) => (
        <FormFieldRow
          key={field.key}
          field={field}
          value={draft.values[field.key]}
          onChange={onChange}
          issues={issues[field.key] ?? []}
          uploadTarget={uploadTarget}
          onUploading={onUploading}
          disabled={disabled}
        />
      ))}
    </div>
  );
}

function FormFieldRow({
  field,
  value,
  onChange,
  issues,
  uploadTarget,
  onUploading,
  disabled,
}: {
  field: FormFieldView;
  value: DraftValue | undefined;
  onChange: DraftChange;
  issues: string[];
  uploadTarget: UploadTarget | undefined;
  onUploading: ((key: string, count: number) => void) | undefined;
  disabled: boolean | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const id = `field-input-${field.key}`;
  const issueId = `${id}-issues`;
  const hintId = `${id}-hint`;
  const editable = isFillingMode(field.mode);
  const masked = editable && isMaskedCurrent(field);
  const key = field.key;
  const change = useCallback(
    (update: DraftValue | ((prev: DraftValue | undefined) => DraftValue)) => onChange(key, update),
    [onChange, key],
  );
  const uploading = useCallback((count: number) => onUploading?.(key, count), [onUploading, key]);
  const describedBy =
    [issues.length > 0 ? issueId : '', masked || field.kelengkapan || field.type === 'nik' ? hintId : '']
      .filter(Boolean)
      .join(' ') || undefined;

  const label = (
    <>
      {field.label}
      {field.mode === 'require' && <span className="required-mark"> ({t('form.required')})</span>}
    </>
  );
  const issueList =
    issues.length > 0 ? (
      <ul id={issueId} className="field-issues" data-testid={`field-issue-${field.key}`}>
        {issues.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    ) : null;

  if (!editable) {
    return (
      <div className="form-field is-read" data-testid={`form-field-${field.key}`}>
        <span className="form-label">{field.label}</span>
        {field.type === 'file' ? (
          <ReadFiles files={Array.isArray(value) ? value : []} />
        ) : (
          <span className="form-value" data-testid={`field-value-${field.key}`}>
            {displayFieldValue(
              field.type,
              field.value,
              { yes: t('common.yes'), no: t('common.no'), none: t('form.noValue') },
              lang,
            )}
          </span>
        )}
      </div>
    );
  }

  const invalid = issues.length > 0;
  if (field.type === 'file' || field.type === 'yesno') {
    return (
      <fieldset
        className={`form-field${invalid ? ' is-invalid' : ''}`}
        data-testid={`form-field-${field.key}`}
        aria-describedby={describedBy}
      >
        <legend className="form-label">{label}</legend>
        {field.kelengkapan && (
          <p id={hintId} className="kelengkapan-tag">
            {t('form.kelengkapan', { item: field.kelengkapan })}
          </p>
        )}
        {field.type === 'file' ? (
          <FileField
            field={field}
            id={id}
            files={Array.isArray(value) ? value : []}
            target={uploadTarget}
            onChange={change}
            onUploading={uploading}
            describedBy={describedBy}
            disabled={disabled}
          />
        ) : (
          <FieldInput
            field={field}
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={change}
            invalid={invalid}
            describedBy={describedBy}
            disabled={disabled}
          />
        )}
        {issueList}
      </fieldset>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <div className={`form-field${invalid ? ' is-invalid' : ''}`} data-testid={`form-field-${field.key}`}>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <FieldInput
        field={field}
        id={id}
        value={text}
        onChange={change}
        invalid={invalid}
        describedBy={describedBy}
        disabled={disabled}
        placeholder={masked ? String(field.value) : undefined}
      />
      {masked && (
        <small id={field.type === 'nik' ? undefined : hintId} className="muted">
          {t('form.currentMasked', { value: String(field.value) })}
        </small>
      )}
      {field.type === 'nik' && <NikHintLine id={hintId} value={text} />}
      {issueList}
    </div>
  );
}

/** Files of a read-only file field: name and size, opening in a new tab (download is audited). */
function ReadFiles({ files }: { files: SlotFile[] }) {
  const { t, i18n } = useTranslation();
  if (files.length === 0) return <span className="form-value muted">{t('form.noFile')}</span>;
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.fileId}>
          <a href={`/api/files/${encodeURIComponent(f.fileId)}`} target="_blank" rel="noopener">
            {f.name}
          </a>{' '}
          <span className="muted small">{formatFileSize(f.size, i18n.language === 'en' ? 'en' : 'id')}</span>
        </li>
      ))}
    </ul>
  );
}
