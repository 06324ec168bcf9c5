import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Field } from '../app/Field.tsx';
import { Loading, QueryError } from '../app/feedback.tsx';
import { usePositionName } from '../app/positions.ts';
import { Link } from '../app/router.tsx';
import { useSubmitKeys } from '../app/useSubmitKeys.ts';
import { FormFields } from '../forms/FormFields.tsx';
import { FormSubmitNotes } from '../forms/FormSubmitNotes.tsx';
import type { FormFieldView } from '../forms/form-draft.ts';
import { useFormState } from '../forms/useFormState.ts';
import { filterSopsInEffect } from '../lib/sop-search.ts';
import { ReceiptLink } from './ReceiptLink.tsx';

/**
 * Choose an SOP in effect, give the case a title, fill its start form (files from the phone's
 * camera included), start it, and see where the first task went.
 */
export function StartCasePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const keys = useSubmitKeys();
  const positionName = usePositionName();
  const sops = useQuery(trpc.sop.list.queryOptions());
  const [search, setSearch] = useState('');
  const [sopId, setSopId] = useState('');
  const [title, setTitle] = useState('');
  const start = useStartCase(() => keys.settle());
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
  return (
    <main id="main" className="page" tabIndex={-1}>
      <h1>{t('start.title')}</h1>
      <div className="card start-form">
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
        {sopId ? (
          <StartFormLoader
            key={sopId}
            sopId={sopId}
            title={title}
            onTitle={setTitle}
            start={start}
            keyFor={keys.keyFor}
          />
        ) : (
          <p className="muted small">{t('start.chooseSop')}</p>
        )}
      </div>
    </main>
  );
}

type StartMutation = ReturnType<typeof useStartCase>;

/** The start mutation, refreshing the inbox and case list when a case has started. */
function useStartCase(onStarted: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.case.start.mutationOptions({
      onSuccess: () => {
        onStarted();
        void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() });
      },
    }),
  );
}

/** Loads the chosen SOP's start form (`case.startForm`), then shows it. */
function StartFormLoader(props: Omit<StartFormProps, 'form'>) {
  const trpc = useTRPC();
  const startForm = useQuery(trpc.case.startForm.queryOptions({ sopId: props.sopId }));
  if (startForm.isPending) return <Loading />;
  if (startForm.error) return <QueryError error={startForm.error} onRetry={() => startForm.refetch()} />;
  return <StartForm {...props} form={startForm.data.form} />;
}

interface StartFormProps {
  sopId: string;
  form: FormFieldView[];
  title: string;
  onTitle: (title: string) => void;
  start: StartMutation;
  keyFor: (content: string) => string;
}

/**
 * The case title and the SOP's start form. Files upload as soon as they are chosen, held for the
 * user by the server until `case.start` attaches them; a refusal keeps everything typed and puts
 * each issue under its field.
 */
function StartForm({ sopId, form, title, onTitle, start, keyFor }: StartFormProps) {
  const { t } = useTranslation();
  const state = useFormState(form, [], start.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (start.isPending || state.uploading) return;
    const data = state.prepare();
    if (!data) return;
    start.mutate({
      sopId,
      title,
      ...(form.length > 0 ? { data } : {}),
      idempotencyKey: keyFor(`${sopId}|${title.trim()}|${JSON.stringify(data)}`),
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field label={t('start.caseTitle')}>
        <input
          data-testid="case-title"
          value={title}
          maxLength={300}
          required
          aria-describedby="case-title-hint"
          onChange={(e) => onTitle(e.target.value)}
        />
        <small id="case-title-hint" className="muted">
          {t('start.caseTitleHint')}
        </small>
      </Field>
      {form.length > 0 && (
        <section className="form-section" aria-labelledby="start-form-h">
          <h2 id="start-form-h">{t('form.title')}</h2>
          <FormFields
            form={form}
            draft={state.draft}
            onChange={state.change}
            issues={state.issues.byField}
            uploadTarget={{ sopId }}
            onUploading={state.onUploading}
            disabled={start.isPending}
          />
          {form.some((f) => f.type === 'file') && <p className="muted small">{t('form.stagedNote')}</p>}
        </section>
      )}
      <FormSubmitNotes
        form={form}
        hasLocalIssues={state.hasLocalIssues}
        uploading={state.uploading}
        error={start.error}
      />
      <button
        type="submit"
        className="btn btn-primary"
        data-testid="start-submit"
        disabled={!title.trim() || start.isPending || state.uploading}
      >
        {start.isPending ? t('start.submitting') : t('start.submit')}
      </button>
    </form>
  );
}
