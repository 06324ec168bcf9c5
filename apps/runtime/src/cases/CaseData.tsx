import type { DataField } from '@alur/schema';
import { isPersonalField } from '@alur/schema/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ErrorMessage } from '../app/feedback.tsx';
import { displayFieldValue } from '../forms/field-display.ts';

type FieldFacts = Pick<DataField, 'key' | 'label' | 'type' | 'personal'>;

/**
 * The case's data as `case.get` gives it (personal values masked). "Tampilkan" asks the server for
 * one unmasked value (`case.revealField`, audited as `data.revealed`); nothing is revealed unasked.
 */
export function CaseData({
  caseId,
  dataFields,
  data,
}: {
  caseId: string;
  dataFields: readonly FieldFacts[];
  data: Readonly<Record<string, unknown>>;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const reveal = useMutation(trpc.case.revealField.mutationOptions());
  const [revealed, setRevealed] = useState<Record<string, unknown>>({});
  const [revealing, setRevealing] = useState<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const words = { yes: t('common.yes'), no: t('common.no'), none: t('common.none') };

  const known = new Set(dataFields.map((f) => f.key));
  // A key the SOP no longer defines is shown by its key and treated as personal (the server masks it).
  const rows: { field: FieldFacts; personal: boolean }[] = [
    ...dataFields
      .filter((f) => f.type !== 'file' && f.key in data)
      .map((field) => ({ field, personal: isPersonalField(field) })),
    ...Object.keys(data)
      .filter((key) => !known.has(key))
      .map((key) => ({ field: { key, label: key, type: 'text' } as FieldFacts, personal: true })),
  ].filter(
    ({ field }) => data[field.key] !== null && data[field.key] !== undefined && data[field.key] !== '',
  );

  const show = async (key: string) => {
    setRevealing(key);
    try {
      const answer = await reveal.mutateAsync({ caseId, key });
      setRevealed((prev) => ({ ...prev, [key]: answer.value }));
    } catch {
      // shown below through reveal.error
    } finally {
      setRevealing(null);
    }
  };
  const hide = (key: string) =>
    setRevealed((prev) => {
      const next = { ...prev };
      delete next[key];
      return next;
    });

  if (rows.length === 0) return <p className="muted">{t('caseFile.noData')}</p>;
  return (
    <>
      <dl className="case-data" data-testid="case-data">
        {rows.map(({ field, personal }) => {
          const isRevealed = field.key in revealed;
          const value = isRevealed ? revealed[field.key] : data[field.key];
          return (
            <div key={field.key} data-testid={`case-data-${field.key}`}>
              <dt>{field.label}</dt>
              <dd>
                <span
                  className={personal && !isRevealed ? 'masked' : undefined}
                  data-testid={`case-value-${field.key}`}
                >
                  {displayFieldValue(field.type, value, words, lang)}
                </span>
                {personal &&
                  (isRevealed ? (
                    <button type="button" className="btn btn-quiet btn-small" onClick={() => hide(field.key)}>
                      {t('caseFile.hide')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-quiet btn-small"
                      data-testid={`reveal-${field.key}`}
                      aria-label={t('caseFile.revealLabel', { label: field.label })}
                      disabled={revealing !== null}
                      onClick={() => void show(field.key)}
                    >
                      {revealing === field.key ? t('caseFile.revealing') : t('caseFile.reveal')}
                    </button>
                  ))}
              </dd>
            </div>
          );
        })}
      </dl>
      {rows.some((r) => r.personal) && <p className="muted small">{t('caseFile.revealNote')}</p>}
      {reveal.error && <ErrorMessage error={reveal.error} />}
    </>
  );
}
