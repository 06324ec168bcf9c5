import type { AppRouter } from '@alur/api/router';
import type { inferRouterOutputs } from '@trpc/server';
import { useTranslation } from 'react-i18next';
import type { Column } from '../app/DataTable.tsx';
import { useFormat } from '../app/format.ts';
import { usePositionName } from '../app/positions.ts';

type Evaluation = inferRouterOutputs<AppRouter>['report']['evaluation'];
export type StepRow = Evaluation['sops'][number]['steps'][number];
export type PositionRow = Evaluation['positions'][number];

/** The figures both tables share, in the same order and format. */
type Figures = {
  completed: number;
  medianMinutes: number | null;
  onTimeShare: number | null;
  open: number;
  overdue: number;
};

/** Builds one numeric column per figure; the overdue cell turns red when above zero. */
function useFigureColumns() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return {
    completed: {
      id: 'completed',
      header: t('evaluation.completed'),
      num: true,
      cell: (r: Figures) => r.completed,
    },
    median: {
      id: 'median',
      header: t('evaluation.median'),
      num: true,
      cell: (r: Figures) => fmt.minutes(r.medianMinutes),
    },
    onTime: {
      id: 'onTime',
      header: t('evaluation.onTime'),
      num: true,
      cell: (r: Figures) => fmt.percent(r.onTimeShare),
    },
    open: { id: 'open', header: t('evaluation.open'), num: true, cell: (r: Figures) => r.open },
    overdue: {
      id: 'overdue',
      header: t('evaluation.overdue'),
      num: true,
      cell: (r: Figures) => r.overdue,
      cellClass: (r: Figures) => (r.overdue > 0 ? 'overdue' : undefined),
    },
  } satisfies Record<string, Column<Figures>>;
}

/** Columns of the per-step table of one SOP. */
export function useStepColumns(): Column<StepRow>[] {
  const { t } = useTranslation();
  const fmt = useFormat();
  const f = useFigureColumns();
  return [
    { id: 'row', header: t('evaluation.row'), cell: (s) => s.rowNo ?? '–' },
    {
      id: 'kegiatan',
      header: t('evaluation.kegiatan'),
      cell: (s) => (
        <span className="clamp-3" title={s.kegiatan}>
          {s.kegiatan}
        </span>
      ),
    },
    { id: 'lane', header: t('evaluation.lane'), cell: (s) => s.lane },
    { id: 'standard', header: t('evaluation.standard'), cell: (s) => s.standard || t('common.none') },
    f.completed,
    f.median,
    { id: 'p90', header: t('evaluation.p90'), num: true, cell: (s) => fmt.minutes(s.p90Minutes) },
    f.onTime,
    f.open,
    f.overdue,
    { id: 'wait', header: t('evaluation.wait'), num: true, cell: (s) => fmt.minutes(s.avgWaitMinutes) },
  ];
}

/** Columns of the table across SOPs per position. */
export function usePositionColumns(): Column<PositionRow>[] {
  const { t } = useTranslation();
  const positionName = usePositionName();
  const f = useFigureColumns();
  return [
    { id: 'position', header: t('evaluation.position'), cell: (p) => positionName(p.positionKey) },
    f.completed,
    f.median,
    f.onTime,
    f.open,
    f.overdue,
  ];
}
