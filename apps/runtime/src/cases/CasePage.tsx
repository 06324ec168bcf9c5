import { formatWaktu } from '@alur/schema/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { PageStatus } from '../app/feedback.tsx';
import { useFormat } from '../app/format.ts';
import { usePositionName } from '../app/positions.ts';
import { Link } from '../app/router.tsx';
import { hasPermission, useMe } from '../app/session.tsx';
import { CancelCase } from './CancelCase.tsx';
import { CaseData } from './CaseData.tsx';
import { CaseDocuments } from './CaseDocuments.tsx';
import { CaseFlow } from './CaseFlow.tsx';
import { CaseLetters } from './CaseLetters.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { ReceiptLink } from './ReceiptLink.tsx';

/** A case file: its data (masked, revealed on request), documents, flowchart with the path taken, actual vs standard time per step, and the timeline. */
export default function CasePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const positionName = usePositionName();
  const me = useMe();
  const detail = useQuery(trpc.case.get.queryOptions({ caseId }));
  if (detail.isPending || detail.error) return <PageStatus query={detail} />;
  const { case: kase, tasks, events } = detail.data;
  // The server's rule (auth/policy.ts assertMayCancelCase): the starter, leaders and admins.
  const mayCancel =
    kase.status === 'active' && (kase.startedBy === me.id || hasPermission(me, 'leader', 'admin'));
  const cancelReason = (
    events.find((e) => e.action === 'case.cancelled')?.data as { reason?: string } | undefined
  )?.reason;
  return (
    <main id="main" className="page case-page" tabIndex={-1}>
      <header className="task-head">
        <p className="eyebrow">{kase.sopName}</p>
        <h1 data-testid="case-heading">
          {t('case.title', { number: kase.number })} — {kase.title}
        </h1>
        <p>
          <span className={`tag tag-status-${kase.status}`}>{t(`status.${kase.status}`)}</span>{' '}
          <span className="muted">{t('case.startedBy', { date: fmt.dateTime(kase.startedAt) })}</span>
        </p>
        {cancelReason && (
          <p className="sent-back" data-testid="case-cancel-reason-shown">
            {t('case.cancelledReason', { reason: cancelReason })}
          </p>
        )}
        {mayCancel && <CancelCase caseId={kase.id} />}
        <p className="print-links">
          {t('case.printSop')}:{' '}
          {(['a4', 'f4'] as const).map((paper) => (
            <a
              key={paper}
              href={`/api/export?versionId=${kase.versionId}&format=pdf&paper=${paper}`}
              target="_blank"
              rel="noopener"
              data-testid={`case-print-${paper}`}
            >
              PDF {paper.toUpperCase()}
            </a>
          ))}{' '}
          <a
            href={`/api/export?versionId=${kase.versionId}&format=docx&paper=a4`}
            data-testid="case-print-docx"
          >
            Word
          </a>
        </p>
        <ReceiptLink caseId={kase.id} trackingCode={detail.data.trackingCode} />
      </header>
      {/* An SOP without data fields (most seeds before #13) has no data to show. */}
      {detail.data.document.dataFields.length > 0 && (
        <section className="card" aria-labelledby="data-h">
          <h2 id="data-h">{t('caseFile.data')}</h2>
          <CaseData caseId={kase.id} dataFields={detail.data.document.dataFields} data={detail.data.data} />
        </section>
      )}
      {(detail.data.document.dataFields.length > 0 || detail.data.files.length > 0) && (
        <section className="card" aria-labelledby="docs-h">
          <h2 id="docs-h">{t('caseFile.documents')}</h2>
          <CaseDocuments files={detail.data.files} dataFields={detail.data.document.dataFields} />
        </section>
      )}
      <section className="card" aria-labelledby="flow-h">
        <h2 id="flow-h">{t('case.flowchart')}</h2>
        <CaseFlow detail={detail.data} />
      </section>
      <section className="card" aria-labelledby="steps-h">
        <h2 id="steps-h">{t('case.steps')}</h2>
        <div className="table-wrap">
          <table className="data-table" data-testid="case-steps">
            <thead>
              <tr>
                <th scope="col">{t('case.step')}</th>
                <th scope="col">{t('case.position')}</th>
                <th scope="col">{t('case.standard')}</th>
                <th scope="col">{t('case.actual')}</th>
                <th scope="col">{t('case.answer')}</th>
                <th scope="col">{t('case.timeliness')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((x) => {
                const running = x.status === 'open' || x.status === 'claimed';
                return (
                  <tr key={x.id} className={running ? 'is-current' : undefined}>
                    <td>
                      <span className="clamp-3" title={x.kegiatan}>
                        {running ? <Link to={`/tasks/${x.id}`}>{x.kegiatan}</Link> : x.kegiatan}
                      </span>
                      {x.attempt > 1 && (
                        <span className="muted small"> ({t('inbox.attempt', { n: x.attempt })})</span>
                      )}
                      {x.claimedByName && <div className="muted small">{x.claimedByName}</div>}
                    </td>
                    <td>{positionName(x.positionKey)}</td>
                    <td>{formatWaktu(x.waktu) || t('common.none')}</td>
                    <td>
                      {fmt.minutes(x.actualWorkingMinutes)}
                      {running && <span className="muted small"> ({t('case.running')})</span>}
                    </td>
                    {/* Two columns: "Tidak" beside "Tepat waktu" in one cell read as "not on time". */}
                    <td data-testid="case-step-answer">
                      {x.outcome ? (
                        <span className={`tag tag-${x.outcome}`}>
                          {x.outcome === 'ya' ? t('common.yes') : t('common.no')}
                        </span>
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                    <td data-testid="case-step-timeliness">
                      {x.onTime === null ? (
                        t(`status.${x.status}`)
                      ) : x.onTime ? (
                        <span className="ok">{t('case.onTime')}</span>
                      ) : (
                        <span className="overdue">{t('case.late')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <CaseLetters letters={detail.data.letters} />
      <section className="card" aria-labelledby="tl-h">
        <h2 id="tl-h">{t('case.timeline')}</h2>
        <CaseTimeline detail={detail.data} />
      </section>
    </main>
  );
}
