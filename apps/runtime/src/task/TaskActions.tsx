import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Link } from '../app/router.tsx';
import { useSubmitKeys } from '../app/useSubmitKeys.ts';
import type { TaskDetail } from '../cases/case-types.ts';
import { FormFields } from '../forms/FormFields.tsx';
import { FormSubmitNotes } from '../forms/FormSubmitNotes.tsx';
import type { FormFieldView } from '../forms/form-draft.ts';
import { useFormState } from '../forms/useFormState.ts';

type Outcome = 'ya' | 'tidak';

/** The confirmation after completing, kept by the page after the task reloads as completed. */
export function CompletedNotice({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-success" role="status" data-testid="task-done">
      <p>{t('task.done')}</p>
      <p>
        <Link to="/">{t('nav.inbox')}</Link> · <Link to={`/cases/${caseId}`}>{t('task.openCase')}</Link>
      </p>
    </div>
  );
}

/**
 * The step's form (fill, edit, required), the note and the finishing button(s): one for an
 * activity, Ya / Tidak for a decision. The form is checked as the server checks it before sending;
 * a refusal keeps what was typed and shows each issue under its field.
 */
export function TaskActions({
  taskId,
  caseId,
  kind,
  exits,
  form,
  files,
  onCompleted,
}: {
  taskId: string;
  caseId: string;
  kind: 'activity' | 'decision';
  exits: TaskDetail['exits'];
  form: FormFieldView[];
  files: TaskDetail['files'];
  onCompleted: (caseId: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useSubmitKeys();
  const [note, setNote] = useState('');
  const complete = useMutation(
    trpc.task.complete.mutationOptions({
      onSuccess: (result) => {
        keys.settle();
        onCompleted(result.caseId);
      },
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() });
      },
    }),
  );
  const state = useFormState(form, files, complete.error);
  const submit = (outcome?: Outcome) => {
    if (complete.isPending || state.uploading) return;
    const data = state.prepare();
    if (!data) return;
    const trimmed = note.trim();
    const sent = Object.keys(data).length > 0 ? data : undefined;
    const idempotencyKey = keys.keyFor(`${outcome ?? ''}|${trimmed}|${JSON.stringify(sent ?? {})}`);
    complete.mutate({ taskId, outcome, note: trimmed || undefined, data: sent, idempotencyKey });
  };
  const busy = complete.isPending || state.uploading;
  if (complete.isSuccess) return <CompletedNotice caseId={complete.data.caseId} />;
  const describeExit = (label: Outcome) => {
    const exit = exits.find((e) => e.label === label);
    if (!exit) return '';
    if (exit.targetType === 'end') return t('task.leadsToEnd');
    return t('task.leadsTo', { lane: exit.lane, kegiatan: exit.kegiatan || exit.targetType });
  };
  return (
    <div className="task-actions">
      {form.length > 0 && (
        <section className="form-section" aria-labelledby="task-form-h">
          <h3 id="task-form-h">{t('form.title')}</h3>
          <FormFields
            form={form}
            draft={state.draft}
            onChange={state.change}
            issues={state.issues.byField}
            uploadTarget={{ caseId, taskId }}
            onUploading={state.onUploading}
            disabled={complete.isPending}
          />
        </section>
      )}
      <label className="field">
        <span>{t('task.note')}</span>
        <textarea
          data-testid="task-note"
          rows={3}
          maxLength={5000}
          placeholder={t('task.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <FormSubmitNotes
        form={form}
        hasLocalIssues={state.hasLocalIssues}
        uploading={state.uploading}
        error={complete.error}
      />
      {kind === 'decision' ? (
        <div className="decision-buttons">
          {(['ya', 'tidak'] as const).map((outcome) => (
            <button
              key={outcome}
              type="button"
              className={`btn btn-decision btn-${outcome}`}
              data-testid={`decide-${outcome}`}
              disabled={busy}
              onClick={() => submit(outcome)}
            >
              <strong>{outcome === 'ya' ? t('common.yes') : t('common.no')}</strong>
              <span className="exit-text">{describeExit(outcome)}</span>
            </button>
          ))}
        </div>
      ) : (
        <button
          type="button"
          className="btn btn-primary btn-block"
          data-testid="complete"
          disabled={busy}
          onClick={() => submit()}
        >
          {complete.isPending ? t('task.completing') : t('task.complete')}
        </button>
      )}
    </div>
  );
}
