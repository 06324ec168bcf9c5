import { formatWaktu } from '@alur/schema/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ErrorMessage, Loading, PageStatus, QueryError } from '../app/feedback.tsx';
import { useFormat } from '../app/format.ts';
import { RemainingTime } from '../app/Remaining.tsx';
import { Link } from '../app/router.tsx';
import { useMe } from '../app/session.tsx';
import { useNow } from '../app/useNow.ts';
import { CaseTimeline } from '../cases/CaseTimeline.tsx';
import { ReadOnlyForm } from '../forms/ReadOnlyForm.tsx';
import { GenerateLetter } from './GenerateLetter.tsx';
import { ReassignTask } from './ReassignTask.tsx';
import { CompletedNotice, TaskActions } from './TaskActions.tsx';

/** One task: the step's Mutu Baku, time left, the case and its history, and the way to finish it. */
export function TaskPage({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const fmt = useFormat();
  const now = useNow(15_000);
  // Refreshed every minute: the remaining working time comes from the server's calendar.
  const detail = useQuery({ ...trpc.task.get.queryOptions({ taskId }), refetchInterval: 60_000 });
  const caseId = detail.data?.case.id;
  const caseDetail = useQuery({
    ...trpc.case.get.queryOptions({ caseId: caseId ?? '' }),
    enabled: Boolean(caseId),
  });
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const queryClient = useQueryClient();
  // Set when this page completed the task, so the confirmation survives the reload that follows.
  const [completedCaseId, setCompletedCaseId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
  const claim = useMutation(trpc.task.claim.mutationOptions({ onSettled: refresh }));
  const release = useMutation(trpc.task.release.mutationOptions({ onSettled: refresh }));

  // An error first: a refetch of a refused task (after a live event) must not flash "loading".
  if (detail.error || detail.isPending) return <PageStatus query={detail} />;
  const { task, step, exits, case: kase, canAct } = detail.data;
  const workable = task.status === 'open' || task.status === 'claimed';
  const mine = task.claimedBy === me.id;
  // Where TaskActions shows the form to fill; elsewhere the page shows it read-only.
  const formEditable = workable && canAct && (task.claimedBy === null || mine) && !completedCaseId;
  const overdue = task.dueAt !== null && new Date(task.dueAt) < now;
  const toggle = (i: number) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  return (
    <main id="main" className="page task-page" tabIndex={-1}>
      <p>
        <Link to="/" className="back-link">
          ← {t('nav.inbox')}
        </Link>
      </p>
      <header className="task-head">
        <p className="eyebrow">
          {task.kind === 'decision' ? t('inbox.decision') : t('inbox.activity')} · {step.lane} ·{' '}
          {kase.sopName}
        </p>
        <h1 data-testid="task-kegiatan">{step.kegiatan}</h1>
        <p>
          <Link to={`/cases/${kase.id}`} data-testid="task-case-link">
            {t('inbox.caseNumber', { number: kase.number })}
          </Link>{' '}
          — {kase.title}
        </p>
        {task.sentBack && (
          <p className="sent-back" data-testid="task-sent-back">
            {task.sentBack.note ? t('task.sentBack', { note: task.sentBack.note }) : t('task.sentBackNoNote')}
          </p>
        )}
      </header>

      <section className={`card time-card${overdue ? ' is-overdue' : ''}`} aria-labelledby="time-h">
        <h2 id="time-h" className="sr-only">
          {t('task.remaining')}
        </h2>
        <dl className="facts">
          <div>
            <dt>{t('task.remaining')}</dt>
            <dd data-testid="task-remaining">
              {workable ? (
                <RemainingTime
                  dueAt={task.dueAt}
                  now={now}
                  workingMinutes={detail.data.remainingWorkingMinutes}
                />
              ) : (
                t(`status.${task.status}`)
              )}
            </dd>
          </div>
          <div>
            <dt>{t('task.waktu')}</dt>
            <dd>{formatWaktu(step.mutuBaku.waktu) || t('time.noTarget')}</dd>
          </div>
          <div>
            <dt>{t('time.due', { date: '' }).trim()}</dt>
            <dd>{fmt.dateTime(task.dueAt)}</dd>
          </div>
          <div>
            <dt>{t('cases.status')}</dt>
            <dd data-testid="task-claim-state">
              {/* A finished task keeps claimedBy; its state is the outcome, not who holds it. */}
              {workable && task.claimedBy
                ? mine
                  ? t('inbox.claimedByYou')
                  : t('inbox.claimedBy', { name: task.claimedByName ?? '?' })
                : t(`status.${task.status}`)}
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="kel-h">
        <h2 id="kel-h">{t('task.kelengkapan')}</h2>
        {step.mutuBaku.kelengkapan.length === 0 ? (
          <p className="muted">{t('task.kelengkapanNone')}</p>
        ) : (
          <>
            <p className="muted small">{t('task.checklistHint')}</p>
            <ul className="checklist" data-testid="kelengkapan">
              {step.mutuBaku.kelengkapan.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: items may repeat; order is fixed
                <li key={i}>
                  <label>
                    <input type="checkbox" checked={checked.has(i)} onChange={() => toggle(i)} />
                    <span>{item}</span>
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>{t('task.output')}</h2>
        <p data-testid="task-output">{step.mutuBaku.output || t('common.none')}</p>
        {step.keterangan && (
          <>
            <h2>{t('task.keterangan')}</h2>
            <p>{step.keterangan}</p>
          </>
        )}
      </section>

      <GenerateLetter taskId={taskId} />
      <section className="card" aria-labelledby="act-h">
        <h2 id="act-h">{task.kind === 'decision' ? t('task.decide') : t('task.complete')}</h2>
        {!workable && completedCaseId ? (
          <CompletedNotice caseId={completedCaseId} />
        ) : !workable ? (
          <p data-testid="task-not-open">{t('task.notOpen', { status: t(`status.${task.status}`) })}</p>
        ) : !canAct ? (
          <p>{t('task.readOnly')}</p>
        ) : (
          <>
            {task.claimedBy === null && (
              <button
                type="button"
                className="btn"
                data-testid="claim"
                disabled={claim.isPending}
                onClick={() => claim.mutate({ taskId, idempotencyKey: crypto.randomUUID() })}
              >
                {t('inbox.claim')}
              </button>
            )}
            {mine && (
              <button
                type="button"
                className="btn btn-quiet"
                data-testid="release"
                disabled={release.isPending}
                onClick={() => release.mutate({ taskId, idempotencyKey: crypto.randomUUID() })}
              >
                {t('inbox.release')}
              </button>
            )}
            {mine && <ReassignTask taskId={taskId} />}
            {(claim.error || release.error) && <ErrorMessage error={claim.error ?? release.error} />}
            {task.claimedBy === null || mine ? (
              <TaskActions
                taskId={taskId}
                caseId={kase.id}
                kind={task.kind}
                exits={exits}
                form={detail.data.form}
                files={detail.data.files}
                onCompleted={setCompletedCaseId}
              />
            ) : null}
          </>
        )}
      </section>

      {detail.data.form.length > 0 && !formEditable && (
        <section className="card" aria-labelledby="data-h">
          <h2 id="data-h">{t('form.title')}</h2>
          <ReadOnlyForm form={detail.data.form} files={detail.data.files} />
        </section>
      )}

      <section className="card" aria-labelledby="hist-h">
        <h2 id="hist-h">{t('task.history')}</h2>
        {caseDetail.data ? (
          <CaseTimeline detail={caseDetail.data} limit={4} />
        ) : caseDetail.error ? (
          <QueryError error={caseDetail.error} />
        ) : (
          <Loading />
        )}
      </section>
    </main>
  );
}
