import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { type Column, DataTable } from '../app/DataTable.tsx';
import { Field } from '../app/Field.tsx';
import { QueryStatus } from '../app/feedback.tsx';
import { useFormat } from '../app/format.ts';
import { Link } from '../app/router.tsx';

/** The buku agenda surat keluar: filter by dates, SOP and words; export what is shown as XLSX. */
export function LetterRegister({ sops }: { sops: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const [filter, setFilter] = useState({ from: '', to: '', sopId: '', q: '' });
  const input = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== ''));
  const register = useQuery(trpc.letter.register.queryOptions(input));
  const columns: Column<NonNullable<typeof register.data>['letters'][number]>[] = [
    { id: 'number', header: t('letters.number'), cell: (l) => <strong>{l.number}</strong> },
    { id: 'date', header: t('letters.date'), cell: (l) => fmt.date(l.createdAt) },
    {
      id: 'case',
      header: t('letters.caseNumber'),
      cell: (l) => <Link to={`/cases/${l.caseId}`}>{l.caseNumber}</Link>,
    },
    { id: 'subject', header: t('letters.subject'), cell: (l) => l.subject },
    { id: 'recipient', header: t('letters.recipient'), cell: (l) => l.recipient },
    {
      id: 'note',
      header: '',
      cell: (l) =>
        l.replacedBy ? (
          <span className="muted small">{t('letters.replacedBy', { number: l.replacedByNumber ?? '' })}</span>
        ) : null,
    },
  ];
  const exportHref = `/api/letters/register.xlsx?${new URLSearchParams(input as Record<string, string>)}`;
  return (
    <section className="card" aria-labelledby="register-h" data-testid="letters-register">
      <h2 id="register-h">{t('letters.register')}</h2>
      <div className="form-grid">
        <Field label={t('letters.from')}>
          <input
            type="date"
            value={filter.from}
            onChange={(e) => setFilter({ ...filter, from: e.target.value })}
          />
        </Field>
        <Field label={t('letters.to')}>
          <input
            type="date"
            value={filter.to}
            onChange={(e) => setFilter({ ...filter, to: e.target.value })}
          />
        </Field>
        <Field label={t('letters.sop')}>
          <select value={filter.sopId} onChange={(e) => setFilter({ ...filter, sopId: e.target.value })}>
            <option value="">—</option>
            {sops.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('letters.search')}>
          <input
            type="search"
            value={filter.q}
            onChange={(e) => setFilter({ ...filter, q: e.target.value })}
          />
        </Field>
      </div>
      <p>
        <a className="btn" href={exportHref} data-testid="letters-export">
          {t('letters.exportXlsx')}
        </a>
      </p>
      {register.isPending || register.error ? (
        <QueryStatus query={register} />
      ) : register.data.letters.length === 0 ? (
        <p className="muted">{t('letters.empty')}</p>
      ) : (
        <div className="table-wrap">
          <DataTable
            columns={columns}
            rows={register.data.letters}
            rowKey={(l) => l.letterId}
            testId="letters-rows"
          />
        </div>
      )}
    </section>
  );
}
