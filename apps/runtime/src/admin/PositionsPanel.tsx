import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ActionsHeader, type Column, DataTable } from '../app/DataTable.tsx';
import { Field } from '../app/Field.tsx';
import { ErrorMessage, QueryStatus } from '../app/feedback.tsx';

/** The role catalogue: positions with the supervisor each escalates to. */
export function PositionsPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const positions = useQuery(trpc.admin.positions.list.queryOptions());
  const [form, setForm] = useState({ key: '', name: '', supervisorKey: '' });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.positions.pathKey() });
  const upsert = useMutation(
    trpc.admin.positions.upsert.mutationOptions({
      onSuccess: () => {
        setForm({ key: '', name: '', supervisorKey: '' });
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.admin.positions.remove.mutationOptions({ onSuccess: refresh }));
  if (positions.isPending || positions.error) {
    return <QueryStatus query={positions} />;
  }
  const nameOf = new Map(positions.data.map((p) => [p.key, p.name]));
  const columns: Column<(typeof positions.data)[number]>[] = [
    { id: 'key', header: t('admin.key'), cell: (p) => <code>{p.key}</code> },
    { id: 'name', header: t('admin.name'), cell: (p) => p.name },
    {
      id: 'supervisor',
      header: t('admin.supervisor'),
      cell: (p) =>
        p.supervisorKey ? (nameOf.get(p.supervisorKey) ?? p.supervisorKey) : t('admin.noSupervisor'),
    },
    {
      id: 'actions',
      header: <ActionsHeader label={t('admin.edit')} />,
      cellClass: () => 'row-actions',
      cell: (p) => (
        <>
          <button
            type="button"
            className="btn btn-quiet"
            onClick={() => setForm({ key: p.key, name: p.name, supervisorKey: p.supervisorKey ?? '' })}
          >
            {t('admin.edit')}
          </button>
          <button
            type="button"
            className="btn btn-quiet"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ key: p.key })}
          >
            {t('admin.remove')}
          </button>
        </>
      ),
    },
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    upsert.mutate({ key: form.key, name: form.name, supervisorKey: form.supervisorKey || null });
  };
  return (
    <>
      <div className="table-wrap card">
        <DataTable columns={columns} rows={positions.data} rowKey={(p) => p.key} testId="admin-positions" />
        {remove.error && <ErrorMessage error={remove.error} />}
      </div>
      <form className="card" onSubmit={submit} aria-labelledby="pos-form-h">
        <h2 id="pos-form-h">{t('admin.addPosition')}</h2>
        <div className="form-grid">
          <Field label={t('admin.key')}>
            <input
              value={form.key}
              pattern="[a-z0-9][a-z0-9_\-]*"
              onChange={(e) => setForm({ ...form, key: e.target.value })}
              required
            />
          </Field>
          <Field label={t('admin.name')}>
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </Field>
          <Field label={t('admin.supervisor')}>
            <select
              value={form.supervisorKey}
              onChange={(e) => setForm({ ...form, supervisorKey: e.target.value })}
            >
              <option value="">{t('admin.noSupervisor')}</option>
              {positions.data
                .filter((p) => p.key !== form.key)
                .map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.name}
                  </option>
                ))}
            </select>
          </Field>
        </div>
        {upsert.error && <ErrorMessage error={upsert.error} />}
        <button type="submit" className="btn btn-primary" disabled={upsert.isPending}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}
