import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ErrorMessage } from '../app/feedback.tsx';
import { Link } from '../app/router.tsx';
import { useSubmitKeys } from '../app/useSubmitKeys.ts';
import type { TaskDetail } from '../cases/case-types.ts';

type Outcome = 'ya' | 'tidak';

/** The note and the finishing button(s): one for an activity, Ya / Tidak for a decision. */
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

export function TaskActions({
  taskId,
  kind,
  exits,
  onCompleted,
}: {
  taskId: string;
  kind: 'activity' | 'decision';
  exits: TaskDetail['exits'];
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
  const submit = (outcome?: Outcome) => {
    if (complete.isPending) return;
    const trimmed = note.trim();
    const idempotencyKey = keys.keyFor(`${outcome ?? ''}|${trimmed}`);
    complete.mutate({ taskId, outcome, note: trimmed || undefined, idempotencyKey });
  };
  if (complete.isSuccess) return <CompletedNotice caseId={complete.data.caseId} />;
  const describeExit = (label: Outcome) => {
    const exit = exits.find((e) => e.label === label);
    if (!exit) return '';
    if (exit.targetType === 'end') return t('task.leadsToEnd');
    return t('task.leadsTo', { lane: exit.lane, kegiatan: exit.kegiatan || exit.targetType });
  };
  return (
    <div className="task-actions">
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
      {complete.error && <ErrorMessage error={complete.error} />}
      {kind === 'decision' ? (
        <div className="decision-buttons">
          {(['ya', 'tidak'] as const).map((outcome) => (
            <button
              key={outcome}
              type="button"
              className={`btn btn-decision btn-${outcome}`}
              data-testid={`decide-${outcome}`}
              disabled={complete.isPending}
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
          disabled={complete.isPending}
          onClick={() => submit()}
        >
          {complete.isPending ? t('task.completing') : t('task.complete')}
        </button>
      )}
    </div>
  );
}
