import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ActionsHeader, type Column, DataTable } from '../app/DataTable.tsx';
import { Field } from '../app/Field.tsx';
import { ErrorMessage, Loading, QueryStatus } from '../app/feedback.tsx';
import { useFormat } from '../app/format.ts';

/** SOP versions in effect, and moving a running case to another version of its SOP. */
export function VersionsPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const sops = useQuery(trpc.sop.list.queryOptions());
  const [sopId, setSopId] = useState('');
  const versions = useQuery({ ...trpc.sop.versions.queryOptions({ sopId }), enabled: Boolean(sopId) });
  if (sops.isPending || sops.error) return <QueryStatus query={sops} />;
  const columns: Column<(typeof sops.data)[number]>[] = [
    { id: 'sop', header: t('admin.sop'), cell: (s) => s.name },
    {
      id: 'inEffect',
      header: t('admin.inEffect'),
      num: true,
      cell: (s) => s.versionInEffect ?? t('common.none'),
    },
    { id: 'latest', header: t('admin.latest'), num: true, cell: (s) => s.latestVersion ?? t('common.none') },
    {
      id: 'versions',
      header: <ActionsHeader label={t('admin.versions')} />,
      cell: (s) => (
        <button type="button" className="btn btn-quiet" onClick={() => setSopId(s.id)}>
          {t('admin.versions')}
        </button>
      ),
    },
  ];
  return (
    <>
      <div className="table-wrap card">
        <DataTable
          columns={columns}
          rows={sops.data}
          rowKey={(s) => s.id}
          rowClass={(s) => (s.id === sopId ? 'is-current' : undefined)}
          testId="admin-sops"
        />
      </div>
      {sopId && (
        <section className="card" aria-labelledby="ver-h">
          <h2 id="ver-h">
            {t('admin.versions')}: {sops.data.find((s) => s.id === sopId)?.name}
          </h2>
          <p>
            <a
              className="btn"
              href={`/designer/#/sop/${encodeURIComponent(sopId)}`}
              data-testid="admin-open-designer"
            >
              {t('admin.openInDesigner')}
            </a>{' '}
            <span className="muted small">{t('admin.openInDesignerHint')}</span>
          </p>
          {versions.isPending || versions.error ? (
            <QueryStatus query={versions} />
          ) : (
            <>
              <ul>
                {versions.data.map((v) => (
                  <li key={v.id}>
                    {t('admin.versionNo')} {v.number} — {t('admin.effectiveDate')}{' '}
                    {fmt.calendarDate(v.effectiveDate)} ·{' '}
                    <span className="muted">{fmt.dateTime(v.publishedAt)}</span>
                    {v.note && <div className="muted small">{v.note}</div>}
                  </li>
                ))}
              </ul>
              <MigrateCase
                sopId={sopId}
                versions={versions.data.map((v) => ({ id: v.id, number: v.number }))}
              />
            </>
          )}
        </section>
      )}
    </>
  );
}

function MigrateCase({ sopId, versions }: { sopId: string; versions: { id: string; number: number }[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cases = useQuery(trpc.case.list.queryOptions({ sopId, status: 'active', limit: 200 }));
  const [caseId, setCaseId] = useState('');
  const [toVersionId, setToVersionId] = useState('');
  const ready = Boolean(caseId && toVersionId);
  const preview = useQuery({
    ...trpc.admin.cases.migrationPreview.queryOptions({ caseId, toVersionId }),
    enabled: ready,
  });
  const migrate = useMutation(
    trpc.admin.cases.migrate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() }),
    }),
  );
  return (
    <section aria-labelledby="mig-h">
      <h3 id="mig-h">{t('admin.migrate')}</h3>
      <div className="form-grid">
        <Field label={t('admin.caseToMigrate')}>
          <select data-testid="migrate-case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {(cases.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.number} — {c.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.toVersion')}>
          <select
            data-testid="migrate-version"
            value={toVersionId}
            onChange={(e) => setToVersionId(e.target.value)}
          >
            <option value="">{t('common.none')}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {t('admin.versionNo')} {v.number}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {ready && preview.isPending && <Loading />}
      {preview.error && <ErrorMessage error={preview.error} />}
      {preview.data &&
        (preview.data.ok ? (
          <p className="alert alert-success">{t('admin.migrateOk')}</p>
        ) : (
          <p className="alert alert-error">
            {t('admin.migrateMissing', {
              ids: ('missingNodeIds' in preview.data ? preview.data.missingNodeIds : []).join(', '),
            })}
          </p>
        ))}
      {migrate.error && <ErrorMessage error={migrate.error} />}
      {migrate.isSuccess && <p role="status">{t('admin.migrated')}</p>}
      <button
        type="button"
        className="btn btn-primary"
        data-testid="migrate-submit"
        disabled={!ready || !preview.data?.ok || migrate.isPending}
        onClick={() => migrate.mutate({ caseId, toVersionId })}
      >
        {t('admin.migrateNow')}
      </button>
    </section>
  );
}
