import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { DataTable } from '../app/DataTable.tsx';
import { Field } from '../app/Field.tsx';
import { Loading, QueryError } from '../app/feedback.tsx';
import { useFormat } from '../app/format.ts';
import { SopFilter } from '../app/SopFilter.tsx';
import { useMe } from '../app/session.tsx';
import { buildEvaluationCsv, buildEvaluationTable, findLongestWait } from '../lib/evaluation-csv.ts';
import { computePeriod } from '../lib/period.ts';
import { EvaluationFlow } from './EvaluationFlow.tsx';
import { usePositionColumns, useStepColumns } from './evaluation-columns.tsx';
import { StepBars } from './StepBars.tsx';

/** Saves a file the browser way. */
function downloadBlob(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Leaders' evaluation: actual time against Mutu Baku per SOP, step and position, for a period. */
export default function EvaluationPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const fmt = useFormat();
  const stepColumns = useStepColumns();
  const positionColumns = usePositionColumns();
  const [sopId, setSopId] = useState('');
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const period = computePeriod(fromDate, toDate, me.agency.timeZone, new Date());
  const report = useQuery({
    ...trpc.report.evaluation.queryOptions({ ...(sopId ? { sopId } : {}), ...(period ?? {}) }),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
  const csvHeader = () => ({
    sop: t('evaluation.sop'),
    row: t('evaluation.row'),
    kegiatan: t('evaluation.kegiatan'),
    lane: t('evaluation.lane'),
    position: t('evaluation.position'),
    standard: t('evaluation.standard'),
    standardMinutes: t('evaluation.csvStandardMinutes'),
    completed: t('evaluation.completed'),
    medianMinutes: t('evaluation.csvMedian'),
    p90Minutes: t('evaluation.csvP90'),
    onTimePercent: t('evaluation.csvOnTime'),
    open: t('evaluation.open'),
    overdue: t('evaluation.overdue'),
    avgWaitMinutes: t('evaluation.csvWait'),
  });
  const fileName = `evaluasi-sop-${fromDate || 'awal'}-${toDate || 'kini'}`;
  const exportCsv = () => {
    if (!report.data) return;
    // The BOM makes spreadsheet programs read the file as UTF-8.
    const csv = buildEvaluationCsv(report.data.sops, csvHeader());
    downloadBlob(`${fileName}.csv`, new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  };
  const exportXlsx = async () => {
    if (!report.data) return;
    // The zip writer loads only when someone asks for a workbook.
    const { buildXlsx } = await import('../lib/xlsx.ts');
    const table = buildEvaluationTable(report.data.sops, csvHeader());
    const bytes = buildXlsx(t('evaluation.title'), [table.header, ...table.rows]);
    downloadBlob(
      `${fileName}.xlsx`,
      new Blob([bytes as BlobPart], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
    );
  };
  return (
    <main id="main" className="page" tabIndex={-1}>
      <h1>{t('evaluation.title')}</h1>
      <p className="muted">{t('evaluation.intro')}</p>
      <div className="card filter-bar">
        <SopFilter
          label={t('evaluation.sop')}
          allLabel={t('evaluation.allSops')}
          testId="eval-sop"
          value={sopId}
          onChange={setSopId}
        />
        <Field label={t('evaluation.from')}>
          <input
            type="date"
            data-testid="eval-from"
            value={fromDate}
            onChange={(e) => setFromDate(e.target.value)}
          />
        </Field>
        <Field label={t('evaluation.to')}>
          <input
            type="date"
            data-testid="eval-to"
            value={toDate}
            onChange={(e) => setToDate(e.target.value)}
          />
        </Field>
        <button
          type="button"
          className="btn"
          data-testid="eval-export"
          disabled={!report.data}
          onClick={exportCsv}
        >
          {t('evaluation.exportCsv')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="eval-export-xlsx"
          disabled={!report.data}
          onClick={() => void exportXlsx()}
        >
          {t('evaluation.exportXlsx')}
        </button>
      </div>
      {period === null && (
        <p className="alert alert-error" role="alert">
          {t('evaluation.periodInvalid')}
        </p>
      )}
      {report.isPending && period !== null ? (
        <Loading />
      ) : report.error ? (
        <QueryError error={report.error} onRetry={() => report.refetch()} />
      ) : report.data && report.data.sops.length === 0 ? (
        <p className="empty">{t('evaluation.empty')}</p>
      ) : report.data ? (
        <>
          {report.data.sops.map((sop) => {
            const longest = findLongestWait(sop.steps);
            return (
              <section
                key={sop.sopId}
                className="card"
                data-testid="eval-sop-card"
                aria-labelledby={`sop-${sop.sopId}`}
              >
                <h2 id={`sop-${sop.sopId}`}>{sop.name}</h2>
                <dl className="summary-grid">
                  <div className="stat">
                    <dt>{t('evaluation.cases')}</dt>
                    <dd>{sop.cases}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('evaluation.completedCases')}</dt>
                    <dd>{sop.completedCases}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('evaluation.openTasks')}</dt>
                    <dd>{sop.openTasks}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('evaluation.overdueTasks')}</dt>
                    <dd className={sop.overdueTasks > 0 ? 'overdue' : undefined}>{sop.overdueTasks}</dd>
                  </div>
                </dl>
                {longest && (
                  <p className="alert alert-info">
                    {t('evaluation.longestWait', {
                      kegiatan: longest.kegiatan,
                      time: fmt.minutes(longest.avgWaitMinutes),
                    })}
                  </p>
                )}
                {sop.versionId && <EvaluationFlow versionId={sop.versionId} steps={sop.steps} />}
                <StepBars steps={sop.steps} />
                <div className="table-wrap">
                  <DataTable columns={stepColumns} rows={sop.steps} rowKey={(s) => s.nodeId} />
                </div>
              </section>
            );
          })}
          <section className="card" aria-labelledby="pos-h">
            <h2 id="pos-h">{t('evaluation.positions')}</h2>
            <div className="table-wrap">
              <DataTable
                columns={positionColumns}
                rows={report.data.positions}
                rowKey={(p) => p.positionKey}
                testId="eval-positions"
              />
            </div>
          </section>
        </>
      ) : null}
    </main>
  );
}
