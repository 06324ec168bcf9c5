import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Field } from '../app/Field.tsx';
import { ErrorMessage, Loading, QueryError } from '../app/feedback.tsx';
import { usePositionName } from '../app/positions.ts';
import { Link } from '../app/router.tsx';
import { useSubmitKeys } from '../app/useSubmitKeys.ts';
import { filterSopsInEffect } from '../lib/sop-search.ts';
import { ReceiptLink } from './ReceiptLink.tsx';

/** Choose an SOP in effect, give the case a title, start it, and see where the first task went. */
export function StartCasePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useSubmitKeys();
  const positionName = usePositionName();
  const sops = useQuery(trpc.sop.list.queryOptions());
  const [search, setSearch] = useState('');
  const [sopId, setSopId] = useState('');
  const [title, setTitle] = useState('');
  const start = useMutation(
    trpc.case.start.mutationOptions({
      onSuccess: () => {
        keys.settle();
        void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.case.list.pathKey() });
      },
    }),
  );
  const started = useQuery({
    ...trpc.case.get.queryOptions({ caseId: start.data?.caseId ?? '' }),
    enabled: Boolean(start.data),
  });

  if (start.data) {
    const open = (started.data?.tasks ?? []).filter((x) => x.status === 'open' || x.status === 'claimed');
    return (
      <main id="main" className="page" tabIndex={-1}>
        <h1>{t('start.title')}</h1>
        <div className="alert alert-success" role="status" data-testid="case-started">
          <p>
            <strong>{t('start.started', { number: start.data.number })}</strong>
          </p>
          {started.isPending ? (
            <Loading />
          ) : open.length === 0 ? (
            <p>{t('start.noTask')}</p>
          ) : (
            <>
              <p data-testid="first-task">
                {t('start.firstTask', {
                  positions: [...new Set(open.map((x) => positionName(x.positionKey)))].join(', '),
                })}
              </p>
              <ul>
                {open.map((x) => (
                  <li key={x.id}>
                    <span className="tag">{positionName(x.positionKey)}</span> {x.kegiatan}
                  </li>
                ))}
              </ul>
            </>
          )}
          <ReceiptLink caseId={start.data.caseId} trackingCode={start.data.trackingCode} />
          <p className="actions">
            <Link to={`/cases/${start.data.caseId}`} className="btn">
              {t('start.openCase')}
            </Link>
            <button
              type="button"
              className="btn btn-quiet"
              data-testid="start-another"
              onClick={() => {
                start.reset();
                setTitle('');
              }}
            >
              {t('start.another')}
            </button>
          </p>
        </div>
      </main>
    );
  }

  const choices = filterSopsInEffect(sops.data ?? [], search);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!sopId || start.isPending) return;
    start.mutate({ sopId, title, idempotencyKey: keys.keyFor(`${sopId}|${title.trim()}`) });
  };
  return (
    <main id="main" className="page" tabIndex={-1}>
      <h1>{t('start.title')}</h1>
      <form className="card start-form" onSubmit={submit}>
        <Field label={t('start.search')}>
          <input
            type="search"
            data-testid="sop-search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </Field>
        <fieldset className="sop-choices">
          <legend>{t('start.sop')}</legend>
          {sops.isPending ? (
            <Loading />
          ) : sops.error ? (
            <QueryError error={sops.error} />
          ) : choices.length === 0 ? (
            <p className="muted">{t('start.noSops')}</p>
          ) : (
            <ul>
              {choices.map((s) => (
                <li key={s.id}>
                  <label className={`sop-choice${sopId === s.id ? ' is-selected' : ''}`}>
                    <input
                      type="radio"
                      name="sop"
                      value={s.id}
                      data-testid="sop-choice"
                      checked={sopId === s.id}
                      onChange={() => setSopId(s.id)}
                    />
                    <span>{s.name}</span>
                    <span className="muted small">{t('start.version', { n: s.versionInEffect })}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <Field label={t('start.caseTitle')}>
          <input
            data-testid="case-title"
            value={title}
            maxLength={300}
            required
            aria-describedby="case-title-hint"
            onChange={(e) => setTitle(e.target.value)}
          />
          <small id="case-title-hint" className="muted">
            {t('start.caseTitleHint')}
          </small>
        </Field>
        {start.error && <ErrorMessage error={start.error} />}
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="start-submit"
          disabled={!sopId || !title.trim() || start.isPending}
        >
          {start.isPending ? t('start.submitting') : t('start.submit')}
        </button>
        {!sopId && <p className="muted small">{t('start.chooseSop')}</p>}
      </form>
    </main>
  );
}
