import { WAKTU_UNITS, type Waktu, type WaktuUnit, waktuSchema } from '@alur/schema';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Checks a typed amount with the schema's own waktu rule; empty means "no target". */
export function checkWaktuInput(amount: string, unit: WaktuUnit, perItem: boolean): Waktu | null | 'invalid' {
  const text = amount.trim().replace(',', '.');
  if (text === '') return null;
  const parsed = waktuSchema.safeParse({ amount: Number(text), unit, perItem });
  return parsed.success && /^\d+(\.\d+)?$/.test(text) ? parsed.data : 'invalid';
}

/** Mutu Baku waktu: amount + unit + per-item, validated live, committed when valid. */
export function WaktuField({
  value,
  onCommit,
}: {
  value: Waktu | null;
  onCommit: (w: Waktu | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [amount, setAmount] = useState(value ? String(value.amount) : '');
  const [unit, setUnit] = useState<WaktuUnit>(value?.unit ?? 'menit');
  const [perItem, setPerItem] = useState(value?.perItem ?? false);
  useEffect(() => {
    setAmount(value ? String(value.amount) : '');
    setUnit(value?.unit ?? 'menit');
    setPerItem(value?.perItem ?? false);
  }, [value]);
  const result = checkWaktuInput(amount, unit, perItem);
  const commit = (a = amount, u = unit, p = perItem) => {
    const w = checkWaktuInput(a, u, p);
    if (w === 'invalid') return;
    const same = JSON.stringify(w) === JSON.stringify(value);
    if (!same) onCommit(w);
  };
  return (
    <fieldset className="waktu-field" data-testid="field-waktu">
      <legend>{t('inspector.waktu')}</legend>
      <div className="row">
        <input
          id={`${id}-amount`}
          type="text"
          inputMode="decimal"
          aria-label={t('inspector.amount')}
          aria-invalid={result === 'invalid'}
          aria-describedby={result === 'invalid' ? `${id}-err` : undefined}
          placeholder={t('inspector.noTarget')}
          value={amount}
          data-testid="field-waktu-amount"
          onChange={(e) => setAmount(e.target.value)}
          onBlur={() => commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
        <select
          aria-label={t('inspector.unit')}
          value={unit}
          data-testid="field-waktu-unit"
          onChange={(e) => {
            const u = e.target.value as WaktuUnit;
            setUnit(u);
            commit(amount, u, perItem);
          }}
        >
          {WAKTU_UNITS.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={perItem}
          data-testid="field-waktu-peritem"
          onChange={(e) => {
            setPerItem(e.target.checked);
            commit(amount, unit, e.target.checked);
          }}
        />
        {t('inspector.perItem')}
      </label>
      {result === 'invalid' && (
        <p className="field-error" id={`${id}-err`} role="alert">
          {t('inspector.waktuInvalid')}
        </p>
      )}
    </fieldset>
  );
}
