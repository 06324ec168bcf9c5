import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Field } from '../app/Field.tsx';
import { ErrorMessage, Loading, QueryError } from '../app/feedback.tsx';

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
  if (positions.isPending) return <Loading />;
  if (positions.error) return <QueryError error={positions.error} path="admin.positions.list" />;
  const nameOf = new Map(positions.data.map((p) => [p.key, p.name]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    upsert.mutate({ key: form.key, name: form.name, supervisorKey: form.supervisorKey || null });
  };
  return (
    <>
      <div className="table-wrap card">
        <table className="data-table" data-testid="admin-positions">
          <thead>
            <tr>
              <th scope="col">{t('admin.key')}</th>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.supervisor')}</th>
              <th scope="col">
                <span className="sr-only">{t('admin.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {positions.data.map((p) => (
              <tr key={p.key}>
                <td>
                  <code>{p.key}</code>
                </td>
                <td>{p.name}</td>
                <td>
                  {p.supervisorKey
                    ? (nameOf.get(p.supervisorKey) ?? p.supervisorKey)
                    : t('admin.noSupervisor')}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn btn-quiet"
                    onClick={() =>
                      setForm({ key: p.key, name: p.name, supervisorKey: p.supervisorKey ?? '' })
                    }
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
