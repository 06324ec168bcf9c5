import { formatCalendarDate } from '@alur/schema/core';
import { useTranslation } from 'react-i18next';
import { describeNikInput, type FormFieldView, formatMoneyTyping } from './form-draft.ts';

/** Props every single-value input takes; `describedBy` links hints and issues for screen readers. */
export interface InputProps {
  field: FormFieldView;
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy: string | undefined;
  placeholder?: string;
  disabled?: boolean;
}

/** The input for one non-file field, by type. */
export function FieldInput(props: InputProps) {
  const { t } = useTranslation();
  const { field, id, value, onChange, invalid, describedBy, placeholder, disabled } = props;
  const common = {
    id,
    name: field.key,
    'data-testid': `field-${field.key}`,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-required': field.mode === 'require' || undefined,
    placeholder,
    disabled,
  };
  switch (field.type) {
    case 'longtext':
      return (
        <textarea
          {...common}
          rows={3}
          maxLength={20_000}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'number':
      return (
        <input
          {...common}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'money':
      return (
        <div className="money-input">
          <span className="money-prefix" aria-hidden="true">
            Rp
          </span>
          <input
            {...common}
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onChange={(e) => onChange(formatMoneyTyping(e.target.value))}
          />
        </div>
      );
    case 'date':
      return <input {...common} type="date" value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'choice':
      return (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case 'yesno':
      return (
        // The surrounding fieldset (FormFields) names the pair and carries the hints.
        <div className="yesno" id={id} data-testid={`field-${field.key}`}>
          {(['ya', 'tidak'] as const).map((choice) => (
            <label key={choice} className={`yesno-choice${value === choice ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name={field.key}
                value={choice}
                checked={value === choice}
                disabled={disabled}
                data-testid={`field-${field.key}-${choice}`}
                onChange={() => onChange(choice)}
              />
              <span>{choice === 'ya' ? t('common.yes') : t('common.no')}</span>
            </label>
          ))}
        </div>
      );
    case 'nik':
      return (
        <input
          {...common}
          inputMode="numeric"
          autoComplete="off"
          maxLength={19}
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/[^\d\s.]/g, ''))}
        />
      );
    case 'phone':
      return (
        <input
          {...common}
          type="tel"
          autoComplete="tel"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'email':
      return (
        <input
          {...common}
          type="email"
          autoComplete="email"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return <input {...common} maxLength={1_000} value={value} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** The live line under a NIK input: digits so far, what the NIK says, or why it cannot be one. */
export function NikHintLine({ id, value }: { id: string; value: string }) {
  const { t, i18n } = useTranslation();
  const hint = describeNikInput(value, new Date().getFullYear());
  if (hint.state === 'empty') return null;
  if (hint.state === 'typing')
    return (
      <small id={id} className="muted" aria-live="polite">
        {t('form.nikTyping', { n: hint.digits })}
      </small>
    );
  if (hint.state === 'bad')
    return (
      <small id={id} className="field-warning" aria-live="polite" data-testid="nik-hint">
        {i18n.language === 'en' ? hint.message.en : hint.message.id}
      </small>
    );
  return (
    <small id={id} className="ok" aria-live="polite" data-testid="nik-hint">
      {t('form.nikOk', {
        province: hint.provinceName,
        sex: hint.sex === 'P' ? t('form.sexP') : t('form.sexL'),
        date: formatCalendarDate(hint.birthDate, i18n.language === 'en' ? 'en' : 'id'),
      })}
    </small>
  );
}
